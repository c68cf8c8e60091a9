import { pendingCookie } from '@/lib/public-accounts/cookies';
import { registerAccount, registrationInput } from '@/lib/public-accounts/register';
import { withPublicRoute } from '@/lib/public/route';

/** Registration: the account waits for the code sent to its contact; the browser keeps only its id (HttpOnly). */
export const POST = withPublicRoute({ kind: 'ACCOUNT', body: registrationInput }, async ({ body, ip }) => {
  const r = await registerAccount(body, ip);
  const res = Response.json({ sentTo: r.sentTo, delivered: r.delivered }, { status: 201 });
  res.headers.append('Set-Cookie', pendingCookie(r.pendingId));
  return res;
});
