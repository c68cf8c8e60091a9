// Staff sign-in: one generic answer for unknown user, wrong password, disabled or locked account,
// with the same password-hash work on every path; lockout after 5 failures for 30 minutes; an expired password
// must be changed first; administrators (and anyone who enrolled) need a TOTP code next. All audited.
import { writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { configuredThrottle, ipThrottled, type IpThrottle } from './ip-throttle';
import { DUMMY_HASH, verifyPassword } from './password';
import { passwordExpired } from './password-policy';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 30;
/** 等保 asks for two factors for administrators: these roles cannot sign in with a password alone. */
export const MFA_ROLES: readonly string[] = ['SYS_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN'];

/** Shown for every failure, whatever the reason; the reason goes to the audit log only. */
export const GENERIC_LOGIN_ERROR = '用户名或密码错误，或账号已被锁定';
/** Shown when the client's address is throttled: says nothing about any account. */
export const THROTTLED_LOGIN_ERROR = '登录失败次数过多，请稍后再试';

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  sessionVersion: number;
  mfaRequired: boolean;
}

export type AuthResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; error: typeof GENERIC_LOGIN_ERROR | typeof THROTTLED_LOGIN_ERROR };

export interface AuthOptions {
  /** The clock, injectable so tests can step past the lockout without sleeping. */
  now?: Date;
  /** The password check (tests count its calls to prove every path pays for it). */
  verify?: (password: string, hash: string) => Promise<boolean>;
  /** Per-address limits; default from the configuration (LOGIN_IP_MAX_FAILURES, LOGIN_IP_WINDOW_MINUTES). */
  ipThrottle?: IpThrottle;
}

export async function authenticate(
  username: string,
  password: string,
  ip: string | null,
  opts: AuthOptions = {},
): Promise<AuthResult> {
  const now = opts.now ?? new Date();
  if (await ipThrottled(ip, now, opts.ipThrottle ?? configuredThrottle())) {
    // Refused before any lookup or hash work; still a failed sign-in, so a persistent source stays throttled.
    await audit({ username, ip, result: 'FAIL', detail: { reason: 'too many failures from this address' } });
    return { ok: false, error: THROTTLED_LOGIN_ERROR };
  }
  const user = await db.user.findUnique({ where: { username }, include: { roles: { include: { role: true } } } });
  const passwordOk = await (opts.verify ?? verifyPassword)(password, user?.passwordHash ?? DUMMY_HASH);
  const fail = async (reason: string): Promise<AuthResult> => {
    await audit({ userId: user?.id, deptId: user?.departmentId, username, ip, result: 'FAIL', detail: { reason } });
    return { ok: false, error: GENERIC_LOGIN_ERROR };
  };
  if (!user) return fail('unknown user');
  if (user.status !== 'ACTIVE') return fail('disabled');
  if (user.lockedUntil && user.lockedUntil > now) return fail('locked');
  if (!passwordOk) return fail(await countFailure(user.id, user.failedLogins, now));

  const expired = !user.mustChangePassword && passwordExpired(user.passwordChangedAt, now, env().PASSWORD_MAX_AGE_DAYS);
  await db.user.update({
    where: { id: user.id },
    data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now, ...(expired ? { mustChangePassword: true } : {}) },
  });
  const mfaRequired = !!user.totpEnabledAt || user.roles.some((ur) => MFA_ROLES.includes(ur.role.code));
  const base = { userId: user.id, deptId: user.departmentId, username, ip };
  if (expired) await audit({ ...base, action: 'PASSWORD_EXPIRED' });
  await audit({ ...base, detail: { method: 'PASSWORD', secondFactor: mfaRequired ? 'pending' : 'none' } });
  return {
    ok: true,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      sessionVersion: user.sessionVersion,
      mfaRequired,
    },
  };
}

/**
 * One more failure (wrong password or wrong TOTP code); the fifth in a row locks the account for 30 minutes
 * and ends its sessions. Returns the reason for the audit log.
 */
export async function countFailure(userId: string, failedBefore: number, now: Date, what = 'wrong password') {
  const failures = failedBefore + 1;
  if (failures < LOCKOUT_THRESHOLD) {
    await db.user.update({ where: { id: userId }, data: { failedLogins: failures } });
    return what;
  }
  await db.$transaction([
    db.user.update({
      where: { id: userId },
      data: {
        failedLogins: 0,
        lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000),
        sessionVersion: { increment: 1 },
      },
    }),
    db.userSession.deleteMany({ where: { userId } }),
  ]);
  return `${what}; account locked for ${LOCKOUT_MINUTES} minutes`;
}

async function audit(e: {
  userId?: string;
  deptId?: string;
  username: string;
  ip: string | null;
  action?: string;
  result?: 'OK' | 'FAIL';
  detail?: Record<string, string>;
}): Promise<void> {
  await writeAudit(db, {
    userId: e.userId,
    username: e.username,
    deptId: e.deptId,
    ip: e.ip,
    module: 'auth',
    action: e.action ?? 'LOGIN',
    result: e.result ?? 'OK',
    detail: e.detail,
  });
}
