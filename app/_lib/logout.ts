'use server';

import { clientIp } from '@/app/_lib/session';
import { revokeSessions } from '@/lib/auth/account';
import { signOut } from '@/lib/auth/config';
import { getCurrentUser } from '@/lib/auth/current-user';

/** 退出登录: revoke on the server first, so a copied session cookie is worthless, then clear it. */
export async function logout(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeSessions(user.id, await clientIp());
  await signOut({ redirectTo: '/login' });
}
