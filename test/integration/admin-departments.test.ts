// Departments: a multi-level tree with search, create, edit, move and delete; delete refused while a
// department has sub-departments, users or data; every change audited; only the system administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  deleteDepartment,
  departmentTree,
  moveDepartment,
  updateDepartment,
} from '../../lib/admin/departments';
import type { AdminContext } from '../../lib/admin/guard';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors';
import { ctxOf, makeUser, recordsOf, uid } from '../support/admin';

let admin: AdminContext;
let operator: AdminContext;
let rootId: string;

beforeAll(async () => {
  admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
  operator = await ctxOf((await db.user.findUniqueOrThrow({ where: { username: 'scjgj01' } })).id);
  rootId = (await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } })).id;
});
afterAll(() => db.$disconnect());

describe('department tree', () => {
  it('R-7.1 builds three levels, finds a department by name with its ancestors, and moves a branch', async () => {
    const n = uid().toUpperCase();
    const a = await createDepartment(admin, {
      code: `A_${n}`,
      name: `测试局${n}`,
      kind: 'DEPARTMENT',
      parentId: rootId,
      sortOrder: 0,
    });
    const b = await createDepartment(admin, {
      code: `B_${n}`,
      name: `测试所${n}`,
      kind: 'SUBUNIT',
      parentId: a.id,
      sortOrder: 0,
    });
    const c = await createDepartment(admin, {
      code: `C_${n}`,
      name: `测试站${n}`,
      kind: 'SUBUNIT',
      parentId: b.id,
      sortOrder: 0,
    });

    const hits = await departmentTree(admin, `测试站${n}`);
    expect(hits.map((d) => d.code)).toEqual(['XYZX']);
    const path = [
      hits[0]!,
      hits[0]!.children[0]!,
      hits[0]!.children[0]!.children[0]!,
      hits[0]!.children[0]!.children[0]!.children[0]!,
    ];
    expect(path.map((d) => d.code)).toEqual(['XYZX', `A_${n}`, `B_${n}`, `C_${n}`]);
    expect(hits[0]!.children).toHaveLength(1); // only the matching branch

    // A department cannot go under its own descendant; it can go elsewhere, with its subtree.
    await expect(moveDepartment(admin, a.id, c.id)).rejects.toBeInstanceOf(ValidationError);
    await expect(moveDepartment(admin, a.id, a.id)).rejects.toBeInstanceOf(ValidationError);
    await moveDepartment(admin, b.id, rootId);
    expect((await db.department.findUniqueOrThrow({ where: { id: c.id } })).parentId).toBe(b.id);
    expect((await db.department.findUniqueOrThrow({ where: { id: b.id } })).parentId).toBe(rootId);

    await updateDepartment(admin, b.id, { name: `测试所改${n}` });
    const renamed = await db.department.findUniqueOrThrow({ where: { id: b.id } });
    expect(renamed).toMatchObject({ name: `测试所改${n}`, kind: 'SUBUNIT', code: `B_${n}` }); // PATCH keeps the rest

    const actions = await db.auditLog.findMany({
      where: { module: 'admin', objectId: { in: [a.id, b.id, c.id] }, result: 'OK' },
      select: { action: true },
    });
    expect(actions.map((x) => x.action).sort()).toEqual(
      ['DEPARTMENT_CREATE', 'DEPARTMENT_CREATE', 'DEPARTMENT_CREATE', 'DEPARTMENT_MOVE', 'DEPARTMENT_UPDATE'].sort(),
    );
  });

  it('R-7.1 refuses a duplicate department code', async () => {
    await expect(
      createDepartment(admin, { code: 'SCJGJ', name: '重复', kind: 'DEPARTMENT', parentId: rootId, sortOrder: 0 }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('deleting a department', () => {
  it('R-7.1 refuses while it has a sub-department or a user, and deletes it once empty', async () => {
    const n = uid().toUpperCase();
    const parent = await createDepartment(admin, {
      code: `P_${n}`,
      name: `待删局${n}`,
      kind: 'DEPARTMENT',
      parentId: rootId,
      sortOrder: 0,
    });
    const child = await createDepartment(admin, {
      code: `Q_${n}`,
      name: `待删所${n}`,
      kind: 'SUBUNIT',
      parentId: parent.id,
      sortOrder: 0,
    });
    await expect(deleteDepartment(admin, parent.id)).rejects.toThrow(/下级部门 1/);

    const user = await makeUser(['DEPT_OPERATOR'], `Q_${n}`);
    await expect(deleteDepartment(admin, child.id)).rejects.toThrow(/用户 1/);
    await db.userRole.deleteMany({ where: { userId: user.id } });
    await db.user.delete({ where: { id: user.id } });

    await deleteDepartment(admin, child.id);
    await deleteDepartment(admin, parent.id);
    expect(await db.department.count({ where: { id: { in: [parent.id, child.id] } } })).toBe(0);
    expect(
      await db.auditLog.count({ where: { action: 'DEPARTMENT_DELETE', objectId: { in: [parent.id, child.id] } } }),
    ).toBe(2);
  });

  it('R-7.1 refuses while the department has batches and credit records', async () => {
    const scjgj = await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } });
    if (!(await db.creditRecord.count({ where: { providerDeptId: scjgj.id } }))) await recordsOf('scjgj01', 2);
    const err = await deleteDepartment(admin, scjgj.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/归集批次 \d+/);
    expect((err as Error).message).toMatch(/信用记录 \d+/);
    expect(await db.department.count({ where: { id: scjgj.id } })).toBe(1);
  });

  it('R-7.4 refuses an operator every department change, and the log shows the attempt', async () => {
    await expect(
      createDepartment(operator, {
        code: `X_${uid()}`,
        name: '越权',
        kind: 'DEPARTMENT',
        parentId: rootId,
        sortOrder: 0,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteDepartment(operator, rootId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(departmentTree(operator)).rejects.toBeInstanceOf(ForbiddenError);
    const denied = await db.auditLog.findMany({ where: { userId: operator.actor.id, result: 'DENIED' } });
    expect(denied.map((d) => d.action)).toEqual(expect.arrayContaining(['department.create', 'department.delete']));
  });
});
