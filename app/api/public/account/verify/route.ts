import { z } from 'zod';
import { NotFoundError } from '@/lib/errors';
import { clearPendingCookie, sessionCookie } from '@/lib/public-accounts/cookies';
import { verifyRegistration } from '@/lib/public-accounts/register';
import { withPublicRoute } from '@/lib/public/route';
import { createPublicSession, PUBLIC_PENDING_COOKIE } from '@/lib/public-accounts/session';

const body = z.object({ code: z.string().max(20, '验证码应为6位数字') });

/** The code that arrived proves the contact; the person is signed in at once. */
export const POST = withPublicRoute({ kind: 'ACCOUNT', body }, async ({ body, cookie, ip }) => {
  const pending = cookie(PUBLIC_PENDING_COOKIE);
  if (!pending || !/^[0-9a-f-]{36}$/.test(pending)) throw new NotFoundError('注册信息已失效，请重新注册');
  const accountId = await verifyRegistration(pending, body.code, ip);
  const token = await createPublicSession(accountId, ip);
  const res = Response.json({ ok: true });
  res.headers.append('Set-Cookie', sessionCookie(token));
  res.headers.append('Set-Cookie', clearPendingCookie());
  return res;
});
