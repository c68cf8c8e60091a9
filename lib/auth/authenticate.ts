// Staff sign-in: one generic answer for unknown user, wrong password, disabled or locked account,
// with the same password-hash work on every path; lockout after 5 failures for 30 minutes; all audited.
import { writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { DUMMY_HASH, verifyPassword } from './password';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 30;

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  sessionVersion: number;
}

export async function authenticate(
  username: string,
  password: string,
  ip: string | null,
): Promise<AuthenticatedUser | null> {
  const user = await db.user.findUnique({ where: { username } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const now = new Date();
  const fail = async (reason: string) => {
    await writeAudit(db, {
      userId: user?.id,
      username,
      deptId: user?.departmentId,
      ip,
      module: 'auth',
      action: 'LOGIN',
      result: 'FAIL',
      detail: { reason },
    });
    return null;
  };
  if (!user) return fail('unknown user');
  if (user.status !== 'ACTIVE') return fail('disabled');
  if (user.lockedUntil && user.lockedUntil > now) return fail('locked');
  if (!passwordOk) {
    const failures = user.failedLogins + 1;
    const lock = failures >= LOCKOUT_THRESHOLD;
    await db.user.update({
      where: { id: user.id },
      data: lock
        ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) }
        : { failedLogins: failures },
    });
    return fail(lock ? 'wrong password; account locked' : 'wrong password');
  }
  await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  await writeAudit(db, { userId: user.id, username, deptId: user.departmentId, ip, module: 'auth', action: 'LOGIN' });
  return { id: user.id, username: user.username, displayName: user.displayName, sessionVersion: user.sessionVersion };
}
