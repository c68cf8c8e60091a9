'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/SubmitButton';
import { login, type LoginState } from './actions';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';

export function LoginForm() {
  const [state, action] = useActionState<LoginState, FormData>(login, {});
  return (
    <form action={action} className="space-y-4" data-testid="login-form">
      {state.error && (
        <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-slate-700">
          用户名
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          maxLength={64}
          defaultValue={state.username}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          密码
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          className={inputClass}
        />
      </div>
      <SubmitButton pendingText="登录中…" className="w-full" testId="login-submit">
        登录
      </SubmitButton>
    </form>
  );
}
