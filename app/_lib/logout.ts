'use server';

import { clientIp } from '@/app/_lib/session';
import { logoutSession } from '@/lib/auth/account';
import { auth, signOut } from '@/lib/auth/config';

/** 退出登录: end the session on the server first, so a copied session cookie is worthless, then clear it. */
export async function logout(): Promise<void> {
  const session = await auth();
  if (session?.user?.id && session.sid) await logoutSession(session.user.id, session.sid, await clientIp());
  await signOut({ redirectTo: '/login' });
}
