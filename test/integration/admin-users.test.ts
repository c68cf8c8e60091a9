// Users: create with a forced password change, edit, disable (ending every session at once),
// enable, reset password, several roles per user; dormant accounts disabled by a nightly Temporal schedule.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableDormantUsers, DORMANT_DAYS_KEY, setDormantDays } from '../../lib/admin/dormancy';
import type { AdminContext } from '../../lib/admin/guard';
import {
  createUser,
  disableUser,
  enableUser,
  resetPassword,
  resetUserTotp,
  unlockUser,
  updateUser,
} from '../../lib/admin/user-changes';
import { setUserRoles } from '../../lib/admin/user-roles';
import { listUsers } from '../../lib/admin/users';
import { authenticate } from '../../lib/auth/authenticate';
import { loadUser } from '../../lib/auth/load-user';
import { checkSession, openSession } from '../../lib/auth/session';
import { seal } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors';
import { DORMANT_SCHEDULE_ID } from '../../worker/schedules';
import { ctxOf, makeUser, PASSWORD, uid } from '../support/admin';
import { waitFor } from '../support/wait';

let admin: AdminContext;
let security: AdminContext;
let deptId: string;
const roleId = async (code: string) => (await db.role.findUniqueOrThrow({ where: { code } })).id;

beforeAll(async () => {
  admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
  security = await ctxOf((await makeUser(['SECURITY_ADMIN'])).id);
  deptId = (await db.department.findUniqueOrThrow({ where: { code: 'SWJ' } })).id;
});
afterAll(() => db.$disconnect());

async function signedIn(userId: string) {
  const u = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const sid = await openSession(u.id, { method: 'PASSWORD', mfaRequired: false, ip: null });
  return { uid: u.id, sid, sv: u.sessionVersion };
}

describe('user lifecycle', () => {
  it('R-7.2 creates a user who must change the initial password, refusing a weak one and a taken name', async () => {
    const username = `u_${uid()}`;
    await expect(
      createUser(admin, { username, displayName: '新用户', departmentId: deptId, initialPassword: 'short' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const { id } = await createUser(admin, {
      username,
      displayName: '新用户',
      departmentId: deptId,
      initialPassword: PASSWORD,
    });
    await expect(
      createUser(admin, { username, displayName: '重名', departmentId: deptId, initialPassword: PASSWORD }),
    ).rejects.toBeInstanceOf(ConflictError);
    const row = await db.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ mustChangePassword: true, status: 'ACTIVE', departmentId: deptId });
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect((await authenticate(username, PASSWORD, null)).ok).toBe(true);
    expect((await listUsers(admin, { q: username, page: 1 })).rows.map((u) => u.username)).toEqual([username]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'USER_CREATE', objectId: id } });
    expect(JSON.stringify(audit.detail)).not.toContain(PASSWORD);
  });

  it('R-7.2 disables an account and ends its sessions at once; re-enabling lets it sign in again', async () => {
    const u = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const token = await signedIn(u.id);
    expect((await checkSession(token)).ok).toBe(true);

    await disableUser(admin, u.id, '调离岗位');
    expect(await checkSession(token)).toMatchObject({ ok: false });
    expect(await db.userSession.count({ where: { userId: u.id } })).toBe(0);
    expect(await loadUser({ id: u.id })).toBeNull();
    expect((await authenticate(u.username, PASSWORD, null)).ok).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      status: 'DISABLED',
      disabledReason: '调离岗位',
    });

    await enableUser(admin, u.id);
    expect((await authenticate(u.username, PASSWORD, null)).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).reactivatedAt).not.toBeNull();
  });

  it('R-7.2 resets a password: temporary, to be changed, lockout lifted, old sessions ended', async () => {
    const u = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const token = await signedIn(u.id);
    await db.user.update({
      where: { id: u.id },
      data: { lockedUntil: new Date(Date.now() + 3600_000), failedLogins: 3 },
    });
    await resetPassword(admin, u.id, 'Temporary-Pass-99');
    expect((await checkSession(token)).ok).toBe(false);
    expect((await authenticate(u.username, PASSWORD, null)).ok).toBe(false);
    expect((await authenticate(u.username, 'Temporary-Pass-99', null)).ok).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      mustChangePassword: true,
      lockedUntil: null,
    });
  });

  it('R-7.2 lifts a lockout and removes a lost authenticator, ending the sessions of that user', async () => {
    const u = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    await db.user.update({
      where: { id: u.id },
      data: {
        lockedUntil: new Date(Date.now() + 3600_000),
        totpSecretSealed: seal('JBSWY3DPEHPK3PXP'),
        totpEnabledAt: new Date(),
      },
    });
    await unlockUser(admin, u.id);
    expect((await authenticate(u.username, PASSWORD, null)).ok).toBe(true);
    const token = await signedIn(u.id);
    await resetUserTotp(admin, u.id);
    expect((await checkSession(token)).ok).toBe(false);
    expect(await db.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      totpEnabledAt: null,
      totpSecretSealed: null,
    });
    await expect(unlockUser(security, u.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.auditLog.count({ where: { objectId: u.id, action: { in: ['UNLOCK', 'TOTP_RESET'] } } })).toBe(2);
  });

  it('R-7.2 moves a user to another department, and their data scope moves with them', async () => {
    const u = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const scjgj = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } })).id;
    await updateUser(admin, u.id, { departmentId: scjgj });
    expect((await loadUser({ id: u.id }))!.visibleDeptIds).toEqual([scjgj]);
  });

  it('R-7.2 refuses administrators disabling or resetting their own account', async () => {
    await expect(disableUser(admin, admin.actor.id, '自己')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetPassword(admin, admin.actor.id, 'Another-Pass-2026')).rejects.toBeInstanceOf(ForbiddenError);
    expect((await loadUser({ id: admin.actor.id }))?.id).toBe(admin.actor.id);
  });
});

describe('several roles per user', () => {
  it('R-7.2 gives one person several posts: the union of the permissions and the widest data scope', async () => {
    const u = await makeUser([], 'SCJGJ');
    await setUserRoles(security, u.id, [await roleId('DEPT_OPERATOR'), await roleId('DEPT_LEADER')]);
    const loaded = (await loadUser({ id: u.id }))!;
    expect(loaded.roles.sort()).toEqual(['DEPT_LEADER', 'DEPT_OPERATOR']);
    expect(loaded.permissions.has('data:import')).toBe(true); // operator
    expect(loaded.permissions.has('record:view')).toBe(true); // leader
    const mq = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ_MQ' } })).id;
    expect(loaded.visibleDeptIds).toContain(mq); // the leader's subordinate unit
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'USER_ROLES', objectId: u.id } });
    expect(audit.detail).toMatchObject({ before: [], after: expect.arrayContaining(['DEPT_LEADER', 'DEPT_OPERATOR']) });
  });

  it('R-7.3 leaves role assignment to the security administrator: the system administrator is refused', async () => {
    const u = await makeUser([], 'SCJGJ');
    await expect(setUserRoles(admin, u.id, [await roleId('CENTRE_STAFF')])).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.userRole.count({ where: { userId: u.id } })).toBe(0);
  });
});

describe('dormant accounts', () => {
  it('R-7.2 disables accounts unused for the configured days, ends their sessions, spares recent and re-enabled ones', async () => {
    await setDormantDays(db, admin, 60);
    expect((await db.workflowSetting.findUniqueOrThrow({ where: { key: DORMANT_DAYS_KEY } })).value).toBe(60);
    const old = new Date(Date.now() - 61 * 86_400_000);
    const dormant = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const recent = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const reenabled = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    await db.user.update({ where: { id: dormant.id }, data: { createdAt: old, lastLoginAt: old } });
    await db.user.update({ where: { id: recent.id }, data: { createdAt: old, lastLoginAt: new Date() } });
    await db.user.update({
      where: { id: reenabled.id },
      data: { createdAt: old, lastLoginAt: old, reactivatedAt: new Date() },
    });
    const token = await signedIn(dormant.id);

    const disabled = await disableDormantUsers(db);
    expect(disabled).toContain(dormant.username);
    expect(disabled).not.toContain(recent.username);
    expect(disabled).not.toContain(reenabled.username);
    expect((await checkSession(token)).ok).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: dormant.id } })).disabledReason).toMatch(/60 天未登录/);
    expect(await db.auditLog.count({ where: { action: 'USER_DISABLE_DORMANT', objectId: dormant.id } })).toBe(1);
    expect(await disableDormantUsers(db)).not.toContain(dormant.username); // idempotent
    await setDormantDays(db, admin, 90);
  });

  it('R-7.2 runs the dormant-account job from a Temporal schedule the worker registered', async () => {
    const dormant = await makeUser(['DEPT_OPERATOR'], 'SWJ');
    const old = new Date(Date.now() - 400 * 86_400_000);
    await db.user.update({ where: { id: dormant.id }, data: { createdAt: old, lastLoginAt: old } });
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const handle = new Client({ connection }).schedule.getHandle(DORMANT_SCHEDULE_ID);
      const described = await handle.describe();
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'disableDormantAccounts' });
      await handle.trigger();
      await waitFor('the scheduled run to disable the account', async () => {
        const u = await db.user.findUniqueOrThrow({ where: { id: dormant.id } });
        return u.status === 'DISABLED';
      });
    } finally {
      await connection.close();
    }
  });
});
