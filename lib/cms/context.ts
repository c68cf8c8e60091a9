// The CMS context of a route: the signed-in user and their address.
import type { CurrentUser } from '@/lib/auth/current-user';
import type { CmsContext } from './articles';

export function cmsContext(user: CurrentUser, ip: string | null): CmsContext {
  return { actor: user, ip };
}
