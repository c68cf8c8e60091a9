'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIp } from '@/app/_lib/session';
import { changePassword } from '@/lib/auth/account';
import { signOut } from '@/lib/auth/config';
import { getSignInState } from '@/lib/auth/current-user';
import { nextSignInStep } from '@/lib/auth/next-step';
import { ValidationError } from '@/lib/errors';

export interface ChangePasswordState {
  error?: string;
}

// Only shape and the confirmation are checked here; the policy itself lives in lib/auth (one source).
const changePasswordSchema = z
  .object({
    current: z.string().min(1, '请输入当前密码').max(128),
    next: z.string().min(1, '请输入新密码').max(128, '密码长度不能超过128位'),
    confirm: z.string(),
  })
  .refine((v) => v.next === v.confirm, { message: '两次输入的新密码不一致', path: ['confirm'] });

export async function changePasswordAction(
  _prev: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  // Signed in, or past the password and not yet enrolled in TOTP (an administrator's first sign-in).
  const state = await getSignInState();
  if (!state || (state.mfa === 'pending' && nextSignInStep(state) !== '/change-password')) redirect('/login');
  const user = state.user;
  const parsed = changePasswordSchema.safeParse({
    current: formData.get('current') ?? '',
    next: formData.get('next') ?? '',
    confirm: formData.get('confirm') ?? '',
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? '输入有误' };
  try {
    await changePassword(user.id, parsed.data.current, parsed.data.next, await clientIp());
  } catch (err) {
    if (err instanceof ValidationError) return { error: err.message };
    throw err;
  }
  // changePassword ended every session on the server: clear the cookie and sign in again.
  await signOut({ redirectTo: '/login?changed=1' });
  return {};
}
