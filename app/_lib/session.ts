// Page-side access to the signed-in user. Layout and page both need the user in one request, so the lookup
// is memoised per request with React cache(); every page still checks on its own, because layouts are not
// re-rendered on client navigation and must never be the only guard.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/current-user';
import type { PermissionCode } from '@/lib/auth/permissions';
import { clientAddressOf } from '@/lib/http/client-address';
import { inboxCounts } from '@/lib/tasks/inbox';

export const currentUser = cache(getCurrentUser);

/** Keyed by the (memoised) user object, so the shell's badge and the inbox tabs share one count query. */
export const cachedInboxCounts = cache((user: CurrentUser) => inboxCounts(user));

/**
 * The user of a staff page: anonymous → /login, initial password → /change-password. A missing permission
 * is returned, not thrown, so the page can render the 403 message inside the shell.
 */
export async function staffPage(permission?: PermissionCode): Promise<{ user: CurrentUser; allowed: boolean }> {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (user.mustChangePassword) redirect('/change-password');
  return { user, allowed: !permission || user.permissions.has(permission) };
}

/** Client address of this request for the audit log, as the server entry resolved it (lib/http/client-address.ts). */
export async function clientIp(): Promise<string | null> {
  return clientAddressOf(await headers());
}
