import { NotFoundError } from '@/lib/errors';
import { resendCode } from '@/lib/public-accounts/register';
import { withPublicRoute } from '@/lib/public/route';
import { PUBLIC_PENDING_COOKIE } from '@/lib/public-accounts/session';

/** A new code for the registration this browser started. */
export const POST = withPublicRoute({ kind: 'ACCOUNT' }, async ({ cookie, ip }) => {
  const pending = cookie(PUBLIC_PENDING_COOKIE);
  if (!pending || !/^[0-9a-f-]{36}$/.test(pending)) throw new NotFoundError('注册信息已失效，请重新注册');
  return Response.json(await resendCode(pending, ip));
});
