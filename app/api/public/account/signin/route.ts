import { sessionCookie } from '@/lib/public-accounts/cookies';
import { withPublicRoute } from '@/lib/public/route';
import { endPublicSession, PUBLIC_SESSION_COOKIE } from '@/lib/public-accounts/session';
import { signInInput, signInPublic } from '@/lib/public-accounts/signin';

export const POST = withPublicRoute({ kind: 'ACCOUNT', body: signInInput }, async ({ body, cookie, ip }) => {
  // A session this browser held before is ended, not left behind (session fixation).
  await endPublicSession(cookie(PUBLIC_SESSION_COOKIE));
  const { token } = await signInPublic(body, ip);
  const res = Response.json({ ok: true });
  res.headers.append('Set-Cookie', sessionCookie(token));
  return res;
});
