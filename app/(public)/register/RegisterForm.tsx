'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { Field, FormError, primaryButton, secondaryButton } from '../account/_components/fields';

const SMS_UNAVAILABLE = '短信验证暂未开通，请使用电子邮箱注册';

/**
 * Two steps on one page: the registration form, then the code that was sent. Nothing is kept in browser storage;
 * the server remembers the waiting registration through an HttpOnly cookie.
 */
export function RegisterForm({ smsAvailable }: { smsAvailable: boolean }) {
  const router = useRouter();
  const [step, setStep] = useState<'form' | 'verify'>('form');
  const [contactKind, setContactKind] = useState<'EMAIL' | 'MOBILE'>('EMAIL');
  const [sentTo, setSentTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const register = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await callApi<{ sentTo: string; delivered: boolean }>('/api/public/account/register', {
      json: {
        name: form.get('name'),
        idNumber: form.get('idNumber'),
        contactKind,
        contact: form.get('contact'),
        password: form.get('password'),
        confirmPassword: form.get('confirmPassword'),
      },
    });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setSentTo(res.data.sentTo);
    setNotice(res.data.delivered ? null : '验证码发送失败，请稍后点击“重新获取验证码”。');
    setStep('verify');
  };

  const verify = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await callApi('/api/public/account/verify', { json: { code: form.get('code') } });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    router.push('/account');
    router.refresh();
  };

  const resend = async () => {
    setBusy(true);
    setError(null);
    const res = await callApi<{ sentTo: string; delivered: boolean }>('/api/public/account/resend', { json: {} });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setNotice(res.data.delivered ? `新的验证码已发送至 ${res.data.sentTo}` : '验证码发送失败，请稍后再试。');
  };

  if (step === 'verify') {
    return (
      <form onSubmit={verify} className="space-y-4" noValidate data-testid="verify-form">
        <p className="rounded-md bg-blue-50 p-3 text-sm text-blue-900" role="status">
          验证码已发送至 <strong>{sentTo}</strong>，10分钟内有效。请查收邮件（也请查看垃圾邮件箱）。
        </p>
        {notice && (
          <p className="text-sm text-slate-700" role="status">
            {notice}
          </p>
        )}
        <Field
          label="验证码"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          hint="6位数字"
        />
        <FormError message={error} />
        <button type="submit" disabled={busy} className={primaryButton} data-testid="verify-submit">
          {busy ? '正在验证…' : '完成注册'}
        </button>
        <button type="button" disabled={busy} onClick={() => void resend()} className={secondaryButton}>
          重新获取验证码
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={register} className="space-y-4" noValidate data-testid="register-form">
      <Field label="姓名" name="name" autoComplete="name" required maxLength={30} hint="与身份证上的姓名一致" />
      <Field
        label="身份证号"
        name="idNumber"
        autoComplete="off"
        required
        maxLength={18}
        hint="18位，最后一位可能是X；一个身份证号只能注册一个账号"
      />
      <fieldset>
        <legend className="block text-sm font-medium text-slate-800">接收验证码的方式</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-800">
          <label className="flex items-center gap-2 py-1">
            <input
              type="radio"
              name="contactKind"
              checked={contactKind === 'EMAIL'}
              onChange={() => setContactKind('EMAIL')}
            />
            电子邮箱
          </label>
          <label className="flex items-center gap-2 py-1">
            <input
              type="radio"
              name="contactKind"
              disabled={!smsAvailable}
              checked={contactKind === 'MOBILE'}
              onChange={() => setContactKind('MOBILE')}
              aria-describedby={smsAvailable ? undefined : 'sms-note'}
            />
            手机号码
          </label>
        </div>
        {!smsAvailable && (
          <p id="sms-note" className="mt-1 text-xs text-slate-600" data-testid="sms-unavailable">
            {SMS_UNAVAILABLE}
          </p>
        )}
      </fieldset>
      {contactKind === 'EMAIL' ? (
        <Field label="电子邮箱" name="contact" type="email" autoComplete="email" required maxLength={254} />
      ) : (
        <Field label="手机号码" name="contact" type="tel" autoComplete="tel" required maxLength={11} />
      )}
      <Field
        label="密码"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="至少12位，包含大写字母、小写字母、数字、特殊字符中的至少三类"
      />
      <Field label="确认密码" name="confirmPassword" type="password" autoComplete="new-password" required />
      <FormError message={error} />
      <button type="submit" disabled={busy} className={primaryButton} data-testid="register-submit">
        {busy ? '正在提交…' : '获取验证码'}
      </button>
    </form>
  );
}
