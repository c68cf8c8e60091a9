'use server';

import { AuthError } from 'next-auth';
import { GENERIC_LOGIN_ERROR, THROTTLED_LOGIN_ERROR } from '@/lib/auth/authenticate';
import { signIn, ThrottledSignin } from '@/lib/auth/config';

export interface LoginState {
  error?: string;
  username?: string;
}

// One message for unknown user, wrong password, disabled and locked accounts: never reveal which.
export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const username = typeof formData.get('username') === 'string' ? String(formData.get('username')).trim() : '';
  const password = typeof formData.get('password') === 'string' ? String(formData.get('password')) : '';
  if (!username || !password) return { error: '请输入用户名和密码', username };
  try {
    // Success throws Next's redirect; /login then sends the session to its next step (TOTP, password, home).
    await signIn('credentials', { username, password, redirectTo: '/login' });
  } catch (err) {
    if (err instanceof ThrottledSignin) return { error: THROTTLED_LOGIN_ERROR, username };
    if (err instanceof AuthError) return { error: GENERIC_LOGIN_ERROR, username };
    throw err;
  }
  return {};
}

/** 数字证书登录: the reverse proxy verified the client certificate; Auth.js maps it to a user. */
export async function certificateLoginAction(_prev: LoginState): Promise<LoginState> {
  try {
    await signIn('certificate', { redirectTo: '/login' });
  } catch (err) {
    if (err instanceof AuthError) return { error: '未能使用数字证书登录：证书无效、未登记或账号不可用' };
    throw err;
  }
  return {};
}
