'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/SubmitButton';
import { changePasswordAction, type ChangePasswordState } from './actions';

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';

const FIELDS = [
  { name: 'current', label: '当前密码', autoComplete: 'current-password' },
  { name: 'next', label: '新密码', autoComplete: 'new-password' },
  { name: 'confirm', label: '确认新密码', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm() {
  const [state, action] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="space-y-4" data-testid="change-password-form">
      {state.error && (
        <p
          role="alert"
          data-testid="change-password-error"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
        >
          {state.error}
        </p>
      )}
      {FIELDS.map((f) => (
        <div key={f.name}>
          <label htmlFor={f.name} className="block text-sm font-medium text-slate-700">
            {f.label}
          </label>
          <input
            id={f.name}
            name={f.name}
            type="password"
            autoComplete={f.autoComplete}
            required
            maxLength={128}
            aria-describedby={f.name === 'next' ? 'password-policy' : undefined}
            className={inputClass}
          />
        </div>
      ))}
      <SubmitButton pendingText="提交中…" className="w-full" testId="change-password-submit">
        修改密码
      </SubmitButton>
    </form>
  );
}
