// Who is asking, with their permissions and data scope loaded fresh from the database on every request,
// so a revoked role takes effect at once. Every page, route and action starts here. A session still waiting
// for its TOTP code is not signed in: only the sign-in step pages read it, through getSignInState().
import { db } from '@/lib/db';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { auth } from './config';
import { canSeeDept, loadUser, type CurrentUser } from './load-user';
import type { PermissionCode } from './permissions';
import type { MfaState } from './session';

export { canSeeDept };
export type { CurrentUser };

export interface SignInState {
  user: CurrentUser;
  sid: string;
  mfa: MfaState;
  totpEnrolled: boolean;
}

export async function getSignInState(): Promise<SignInState | null> {
  const session = await auth();
  if (!session?.user?.id || !session.sid) return null;
  const user = await loadUser({ id: session.user.id });
  if (!user) return null;
  const totp = await db.user.findUnique({ where: { id: user.id }, select: { totpEnabledAt: true } });
  return { user, sid: session.sid, mfa: session.mfa, totpEnrolled: !!totp?.totpEnabledAt };
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id || session.mfa !== 'ok') return null;
  return loadUser({ id: session.user.id });
}

export async function requireUser(permission?: PermissionCode): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (user.mustChangePassword) throw new ForbiddenError('请先修改初始密码');
  if (permission && !user.permissions.has(permission)) throw new ForbiddenError();
  return user;
}
