// Server-side sessions behind the Auth.js JWT. A JWT on its own cannot be revoked and Auth.js only slides its
// expiry where cookies can be written (not in Server Components), so the token carries a session id and every
// request checks the UserSession row: 15 idle minutes, 8 hours absolute, the second factor, and revocation by
// deleting the row (logout) or bumping the user's sessionVersion (password change, disable). Free of Auth.js,
// so tests call checkSession with crafted times.
import { db } from '@/lib/db';

export const IDLE_SECONDS = 15 * 60;
export const ABSOLUTE_SECONDS = 8 * 3600;
/** A password-only session waiting for its TOTP code (or enrolment) lives this long at most. */
export const MFA_PENDING_SECONDS = 10 * 60;
/** lastSeenAt is written at most once a minute, not on every request. */
const TOUCH_SECONDS = 60;

export type MfaState = 'ok' | 'pending';
export type SessionMethod = 'PASSWORD' | 'CERTIFICATE';

export interface SessionClaims {
  uid: string;
  sid: string;
  sv: number;
}

export type SessionCheck =
  | { ok: true; mfa: MfaState }
  | { ok: false; reason: 'malformed' | 'unknown' | 'user' | 'revoked' | 'absolute' | 'idle' | 'mfa-timeout' };

export async function openSession(
  userId: string,
  opts: { method: SessionMethod; mfaRequired: boolean; ip: string | null; now?: Date },
): Promise<string> {
  const now = opts.now ?? new Date();
  // Housekeeping: this user's sessions that can no longer be valid.
  await db.userSession.deleteMany({
    where: {
      userId,
      OR: [
        { createdAt: { lt: new Date(now.getTime() - ABSOLUTE_SECONDS * 1000) } },
        { lastSeenAt: { lt: new Date(now.getTime() - IDLE_SECONDS * 1000) } },
      ],
    },
  });
  const row = await db.userSession.create({
    data: { userId, method: opts.method, mfaRequired: opts.mfaRequired, ip: opts.ip, createdAt: now, lastSeenAt: now },
  });
  return row.id;
}

function claimsOf(token: unknown): SessionClaims | null {
  if (!token || typeof token !== 'object') return null;
  const t = token as Record<string, unknown>;
  if (typeof t.uid !== 'string' || typeof t.sid !== 'string' || typeof t.sv !== 'number') return null;
  return { uid: t.uid, sid: t.sid, sv: t.sv };
}

/** Whether the session a token names is still valid at `now`; touches its last-seen time when it is. */
export async function checkSession(token: unknown, now: Date = new Date()): Promise<SessionCheck> {
  const claims = claimsOf(token);
  if (!claims) return { ok: false, reason: 'malformed' };
  const session = await db.userSession.findUnique({
    where: { id: claims.sid },
    include: { user: { select: { status: true, sessionVersion: true } } },
  });
  if (!session || session.userId !== claims.uid) return { ok: false, reason: 'unknown' };
  const fail = async (reason: 'user' | 'revoked' | 'absolute' | 'idle' | 'mfa-timeout'): Promise<SessionCheck> => {
    await db.userSession.deleteMany({ where: { id: session.id } });
    return { ok: false, reason };
  };
  if (session.user.status !== 'ACTIVE') return fail('user');
  if (session.user.sessionVersion !== claims.sv) return fail('revoked');
  const age = (now.getTime() - session.createdAt.getTime()) / 1000;
  if (age > ABSOLUTE_SECONDS) return fail('absolute');
  const idle = (now.getTime() - session.lastSeenAt.getTime()) / 1000;
  if (idle > IDLE_SECONDS) return fail('idle');
  const mfa: MfaState = session.mfaRequired && !session.mfaVerifiedAt ? 'pending' : 'ok';
  if (mfa === 'pending' && age > MFA_PENDING_SECONDS) return fail('mfa-timeout');
  if (idle > TOUCH_SECONDS) await db.userSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  return { ok: true, mfa };
}

/** The second factor was verified in this session. */
export async function markMfaVerified(sid: string, now: Date = new Date()): Promise<void> {
  await db.userSession.updateMany({ where: { id: sid }, data: { mfaVerifiedAt: now, lastSeenAt: now } });
}

/** Whether a session ended now (false: it had ended before). */
export async function closeSession(sid: string): Promise<boolean> {
  const { count } = await db.userSession.deleteMany({ where: { id: sid } });
  return count > 0;
}

/** Ends every session of a user, including tokens issued before this call. */
export async function closeAllSessions(userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } }),
    db.userSession.deleteMany({ where: { userId } }),
  ]);
}
