'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/SubmitButton';

export interface CodeState {
  error?: string;
}

/** The six-digit code form of the TOTP step and of enrolment. */
export function CodeForm({
  action,
  submitText,
}: {
  action: (prev: CodeState, formData: FormData) => Promise<CodeState>;
  submitText: string;
}) {
  const [state, formAction] = useActionState<CodeState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-4" data-testid="totp-form">
      {state.error && (
        <p role="alert" data-testid="totp-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <div>
        <label htmlFor="code" className="block text-sm font-medium text-slate-700">
          动态验证码
        </label>
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-center font-mono text-lg tracking-[0.4em] shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
        />
      </div>
      <SubmitButton pendingText="验证中…" className="w-full" testId="totp-submit">
        {submitText}
      </SubmitButton>
    </form>
  );
}
