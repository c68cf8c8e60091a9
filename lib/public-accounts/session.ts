// Sessions of the public realm: their own cookie (xy_public_session) and table (PublicSession), never next-auth's
// staff session. The cookie holds a random token; the table only its SHA-256, so a database reader cannot sign in.
// Idle for 30 minutes or older than 12 hours: signed out. Staff code (lib/auth) never reads this cookie, and this
// code never reads theirs, so neither realm's session opens the other's pages.
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';

export const PUBLIC_SESSION_COOKIE = 'xy_public_session';
/** The registration waiting for its code: the account id only (not personal), HttpOnly. */
export const PUBLIC_PENDING_COOKIE = 'xy_public_pending';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_MAX_HOURS = 12;

export interface PublicAccountSession {
  sessionId: string;
  accountId: string;
  name: string;
  idNumberHash: string;
  idNumberSealed: string;
  email: string | null;
  contactKind: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createPublicSession(accountId: string, ip: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  await db.publicSession.create({
    data: {
      tokenHash: tokenHash(token),
      accountId,
      ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * 3_600_000),
    },
  });
  return token;
}

/** The signed-in account of a cookie's token, or null (unknown, expired, idle too long, account unverified). */
export async function readPublicSession(token: string | undefined | null, now = new Date()) {
  if (!token || token.length > 100) return null;
  const session = await db.publicSession.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { account: true },
  });
  if (!session) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000;
  if (idle || session.expiresAt <= now || !session.account.verifiedAt) {
    await db.publicSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  // Written at most once a minute: a page with several reads does not update the row each time.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.publicSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const a = session.account;
  return {
    sessionId: session.id,
    accountId: a.id,
    name: a.name,
    idNumberHash: a.idNumberHash,
    idNumberSealed: a.idNumberSealed,
    email: a.email,
    contactKind: a.contactKind,
  } satisfies PublicAccountSession;
}

export async function endPublicSession(token: string | undefined | null): Promise<void> {
  if (!token) return;
  await db.publicSession.deleteMany({ where: { tokenHash: tokenHash(token) } });
}
