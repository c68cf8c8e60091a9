// Roles: create, edit, delete, function permissions and data scope, by the security administrator;
// 三权分立 enforced on roles and on users holding several roles; nobody grants themselves anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/guard';
import { createRole, deleteRole, listRoles, updateRole } from '../../lib/admin/roles';
import { setUserRoles } from '../../lib/admin/user-roles';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors';
import { ctxOf, makeUser, uid } from '../support/admin';

let security: AdminContext;
let admin: AdminContext;
let auditor: AdminContext;
const roleId = async (code: string) => (await db.role.findUniqueOrThrow({ where: { code } })).id;
const code = () => `R_${uid().toUpperCase()}`;

beforeAll(async () => {
  security = await ctxOf((await makeUser(['SECURITY_ADMIN'])).id);
  admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
  auditor = await ctxOf((await makeUser(['AUDIT_ADMIN'])).id);
});
afterAll(() => db.$disconnect());

describe('role CRUD', () => {
  it('R-7.3 creates a role with permissions and scope, changes it, and deletes it once nobody holds it', async () => {
    const c = code();
    const role = await createRole(security, {
      code: c,
      name: '质量抽查员',
      dataScope: 'OWN_AND_SUB',
      permissions: ['batch:view', 'record:view'],
      sharedDepartmentIds: [],
    });
    expect((await listRoles(security)).find((r) => r.code === c)).toMatchObject({
      dataScope: 'OWN_AND_SUB',
      permissions: expect.arrayContaining(['batch:view', 'record:view']),
      userCount: 0,
    });
    const holder = await makeUser([], 'SCJGJ');
    await setUserRoles(security, holder.id, [role.id]);
    expect((await loadUser({ id: holder.id }))!.permissions.has('batch:view')).toBe(true);

    // A change takes effect at the holder's next request: permissions are loaded fresh every time.
    await updateRole(security, role.id, { name: '质量抽查员（改）', permissions: ['record:view'] });
    const reloaded = (await loadUser({ id: holder.id }))!;
    expect(reloaded.permissions.has('batch:view')).toBe(false);
    expect(reloaded.permissions.has('record:view')).toBe(true);
    expect((await db.role.findUniqueOrThrow({ where: { id: role.id } })).dataScope).toBe('OWN_AND_SUB'); // kept

    await expect(deleteRole(security, role.id)).rejects.toThrow(/仍有 1 名用户/);
    await setUserRoles(security, holder.id, []);
    await deleteRole(security, role.id);
    expect(await db.role.count({ where: { id: role.id } })).toBe(0);
    const actions = await db.auditLog.findMany({
      where: { objectId: role.id, result: 'OK' },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual(['ROLE_CREATE', 'ROLE_UPDATE', 'ROLE_DELETE']);
  });

  it('R-7.3 refuses deleting a built-in role, a duplicate code and an unknown permission', async () => {
    await expect(deleteRole(security, await roleId('DEPT_OPERATOR'))).rejects.toBeInstanceOf(ConflictError);
    await expect(
      createRole(security, {
        code: 'DEPT_OPERATOR',
        name: '重复',
        dataScope: 'OWN',
        permissions: [],
        sharedDepartmentIds: [],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      createRole(security, {
        code: code(),
        name: '未知',
        dataScope: 'OWN',
        permissions: ['root:all'],
        sharedDepartmentIds: [],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('R-7.3 leaves roles to the security administrator: the system and the audit administrator are refused', async () => {
    for (const ctx of [admin, auditor]) {
      await expect(
        createRole(ctx, {
          code: code(),
          name: '越权',
          dataScope: 'ALL',
          permissions: ['record:view'],
          sharedDepartmentIds: [],
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateRole(ctx, await roleId('CENTRE_STAFF'), { dataScope: 'OWN' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    expect((await db.role.findUniqueOrThrow({ where: { code: 'CENTRE_STAFF' } })).dataScope).toBe('ALL');
  });
});

describe('三权分立', () => {
  it('R-7.3 refuses a role that grants permissions and reads the audit log, or manages accounts and grants', async () => {
    for (const permissions of [
      ['admin:roles', 'audit:view'],
      ['admin:users', 'admin:roles'],
      ['admin:departments', 'audit:view'],
    ]) {
      await expect(
        createRole(security, { code: code(), name: '兼任', dataScope: 'OWN', permissions, sharedDepartmentIds: [] }),
      ).rejects.toThrow(/三权分立/);
    }
    const denied = await db.auditLog.count({
      where: { userId: security.actor.id, action: 'ROLE_PERMISSIONS', result: 'DENIED' },
    });
    expect(denied).toBe(3);
  });

  it('R-7.3 refuses giving one user the roles of two duties, and a role change that would combine them', async () => {
    const u = await makeUser([], 'XYZX');
    await expect(
      setUserRoles(security, u.id, [await roleId('SYS_ADMIN'), await roleId('SECURITY_ADMIN')]),
    ).rejects.toThrow(/三权分立/);
    await expect(
      setUserRoles(security, u.id, [await roleId('SECURITY_ADMIN'), await roleId('AUDIT_ADMIN')]),
    ).rejects.toThrow(/三权分立/);
    expect(await db.userRole.count({ where: { userId: u.id } })).toBe(0);

    // A harmless role held together with AUDIT_ADMIN cannot later be given a granting permission.
    const helper = await createRole(security, {
      code: code(),
      name: '协助',
      dataScope: 'OWN',
      permissions: ['inbox:view'],
      sharedDepartmentIds: [],
    });
    await setUserRoles(security, u.id, [await roleId('AUDIT_ADMIN'), helper.id]);
    await expect(updateRole(security, helper.id, { permissions: ['inbox:view', 'admin:users'] })).rejects.toThrow(
      /三权分立/,
    );
    expect((await loadUser({ id: u.id }))!.permissions.has('admin:users')).toBe(false);
  });

  it('R-7.3 refuses the security administrator changing their own roles or a role they hold (no audit rights for themselves)', async () => {
    await expect(setUserRoles(security, security.actor.id, [await roleId('AUDIT_ADMIN')])).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      updateRole(security, await roleId('SECURITY_ADMIN'), { permissions: ['admin:roles', 'record:view'] }),
    ).rejects.toThrow(/自己所持有/);
    // Nor through a second role: granting audit rights to a role and then taking it is two refusals.
    const sneaky = await createRole(security, {
      code: code(),
      name: '审计查阅',
      dataScope: 'OWN',
      permissions: ['audit:view'],
      sharedDepartmentIds: [],
    });
    await expect(
      setUserRoles(security, security.actor.id, [await roleId('SECURITY_ADMIN'), sneaky.id]),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const me = (await loadUser({ id: security.actor.id }))!;
    expect([...me.permissions]).toEqual(['admin:roles']);
  });
});
