'use server';

import { AuthError } from 'next-auth';
import { signIn } from '@/lib/auth/config';

export interface LoginState {
  error?: string;
  username?: string;
}

// One message for unknown user, wrong password, disabled and locked accounts: never reveal which.
const GENERIC_ERROR = '用户名或密码错误，或账号已被锁定';

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const username = typeof formData.get('username') === 'string' ? String(formData.get('username')).trim() : '';
  const password = typeof formData.get('password') === 'string' ? String(formData.get('password')) : '';
  if (!username || !password) return { error: '请输入用户名和密码', username };
  try {
    // Success throws Next's redirect to /inbox; only Auth.js failures are caught below.
    await signIn('credentials', { username, password, redirectTo: '/home' });
  } catch (err) {
    if (err instanceof AuthError) return { error: GENERIC_ERROR, username };
    throw err;
  }
  return {};
}
