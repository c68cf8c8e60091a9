// Account actions: change password (forced at first login and on expiry), sign out, sign out everywhere,
// and the administrator's unlock. Every one ends sessions on the server, not just in the browser.
import { actorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';
import { reusesPassword } from './password-history';
import { PASSWORD_HISTORY, passwordProblems } from './password-policy';
import { closeAllSessions, closeSession } from './session';

export async function changePassword(userId: string, current: string, next: string, ip: string | null): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(current, user.passwordHash))) throw new ValidationError('当前密码不正确');
  const problems = passwordProblems(next, user.username);
  if (problems.length) throw new ValidationError(problems.join('；'));
  const previous = await db.passwordHistory.findMany({
    where: { userId },
    orderBy: { id: 'desc' },
    take: PASSWORD_HISTORY - 1,
    select: { passwordHash: true },
  });
  if (await reusesPassword(next, [user.passwordHash, ...previous.map((p) => p.passwordHash)])) {
    throw new ValidationError(`新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`);
  }
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.passwordHistory.create({ data: { userId, passwordHash: user.passwordHash } });
    const keep = await tx.passwordHistory.findMany({
      where: { userId },
      orderBy: { id: 'desc' },
      take: PASSWORD_HISTORY - 1,
      select: { id: true },
    });
    await tx.passwordHistory.deleteMany({ where: { userId, id: { notIn: keep.map((k) => k.id) } } });
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
  });
  // Every session of this user ends, this one included: the caller signs in again with the new password.
  await closeAllSessions(userId);
  await audit(userId, user.username, user.departmentId, ip, 'CHANGE_PASSWORD');
}

/**
 * 退出登录: this session ends on the server, so a copied session cookie is worthless. Every sign-out path calls
 * it, some twice (the app's logout, then Auth.js's sign-out event): only the call that ended the session is audited.
 */
export async function logoutSession(userId: string, sid: string, ip: string | null): Promise<void> {
  if (!(await closeSession(sid))) return;
  const user = await db.user.findUnique({ where: { id: userId } });
  await audit(userId, user?.username ?? null, user?.departmentId ?? null, ip, 'LOGOUT');
}

/** Sign out everywhere (also what disabling an account must call). */
export async function revokeSessions(userId: string, ip: string | null): Promise<void> {
  await closeAllSessions(userId);
  const user = await db.user.findUnique({ where: { id: userId } });
  await audit(userId, user?.username ?? null, user?.departmentId ?? null, ip, 'REVOKE_SESSIONS');
}

/** An administrator lifts a lockout before its 30 minutes are over. */
export async function unlockAccount(
  actor: { id: string; username: string; departmentId: string },
  userId: string,
  ip: string | null,
): Promise<void> {
  const user = await db.user.update({ where: { id: userId }, data: { lockedUntil: null, failedLogins: 0 } });
  await writeAudit(db, {
    ...actorOf(actor, ip),
    module: 'auth',
    action: 'UNLOCK',
    objectType: 'User',
    objectId: user.id,
    detail: { username: user.username },
  });
}

async function audit(
  userId: string,
  username: string | null,
  deptId: string | null,
  ip: string | null,
  action: string,
): Promise<void> {
  await writeAudit(db, { userId, username, deptId, ip, module: 'auth', action });
}
