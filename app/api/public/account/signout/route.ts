import { auditPublic } from '@/lib/public-accounts/audit';
import { clearSessionCookie } from '@/lib/public-accounts/cookies';
import { withPublicRoute } from '@/lib/public/route';
import { endPublicSession, PUBLIC_SESSION_COOKIE } from '@/lib/public-accounts/session';

/** Ends the session on the server (the row goes), not only in the browser. */
export const POST = withPublicRoute({ kind: 'ACCOUNT' }, async ({ account, cookie, ip }) => {
  await endPublicSession(cookie(PUBLIC_SESSION_COOKIE));
  if (account) await auditPublic({ accountId: account.accountId, ip, action: 'LOGOUT' });
  const res = Response.json({ ok: true });
  res.headers.append('Set-Cookie', clearSessionCookie());
  return res;
});
