// Who is asking, with their permissions and data scope loaded fresh from the database on every request,
// so a revoked role takes effect at once. Every page, route and action starts here.
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { auth } from './config';
import { canSeeDept, loadUser, type CurrentUser } from './load-user';
import type { PermissionCode } from './permissions';

export { canSeeDept };
export type { CurrentUser };

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  return loadUser({ id: session.user.id });
}

export async function requireUser(permission?: PermissionCode): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (user.mustChangePassword) throw new ForbiddenError('请先修改初始密码');
  if (permission && !user.permissions.has(permission)) throw new ForbiddenError();
  return user;
}
