'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/app/_components/SubmitButton';
import { certificateLoginAction, type LoginState } from './actions';

export function CertificateLogin() {
  const [state, action] = useActionState<LoginState>(certificateLoginAction, {});
  return (
    <form action={action} className="mt-4 border-t border-slate-200 pt-4" data-testid="cert-login-form">
      {state.error && (
        <p
          role="alert"
          data-testid="cert-login-error"
          className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
        >
          {state.error}
        </p>
      )}
      <SubmitButton pendingText="验证证书中…" className="w-full" testId="cert-login-submit">
        使用数字证书登录
      </SubmitButton>
    </form>
  );
}
