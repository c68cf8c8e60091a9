'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { Field, FormError, primaryButton } from '../account/_components/fields';

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await callApi('/api/public/account/signin', {
      json: { login: form.get('login'), password: form.get('password') },
    });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    router.push('/account');
    router.refresh();
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="signin-form">
      <Field label="身份证号或电子邮箱" name="login" autoComplete="username" required maxLength={254} />
      <Field label="密码" name="password" type="password" autoComplete="current-password" required />
      <FormError message={error} />
      <button type="submit" disabled={busy} className={primaryButton} data-testid="signin-submit">
        {busy ? '正在登录…' : '登录'}
      </button>
      <p className="text-xs text-slate-600">连续输错5次密码，账号将锁定30分钟。</p>
    </form>
  );
}
