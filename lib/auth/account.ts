// Account actions of the signed-in user: change password (forced at first login), sign out everywhere.
import { writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { hashPassword, verifyPassword } from './password';
import { passwordProblems } from './password-policy';

export async function changePassword(userId: string, current: string, next: string, ip: string | null): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(current, user.passwordHash))) throw new ValidationError('当前密码不正确');
  const problems = passwordProblems(next, user.username);
  if (current === next) problems.push('新密码不能与当前密码相同');
  if (problems.length) throw new ValidationError(problems.join('；'));
  // Bumping sessionVersion revokes every other session of this user; the caller signs in again.
  await db.user.update({
    where: { id: userId },
    data: {
      passwordHash: await hashPassword(next),
      mustChangePassword: false,
      passwordChangedAt: new Date(),
      sessionVersion: { increment: 1 },
    },
  });
  await writeAudit(db, {
    userId,
    username: user.username,
    deptId: user.departmentId,
    ip,
    module: 'auth',
    action: 'CHANGE_PASSWORD',
  });
}

/** Server-side logout: the JWT in the browser becomes worthless even if it was copied. */
export async function revokeSessions(userId: string, ip: string | null): Promise<void> {
  const user = await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await writeAudit(db, {
    userId,
    username: user.username,
    deptId: user.departmentId,
    ip,
    module: 'auth',
    action: 'LOGOUT',
  });
}
