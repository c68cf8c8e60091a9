'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { Field, FormError, secondaryButton } from './fields';

/** Declares an organisation by its 统一社会信用代码. */
export function DeclareOrgForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    setNotice(null);
    const res = await callApi<{ status: string; orgName: string }>('/api/public/account/organisations', {
      json: { uscc: form.get('uscc') },
    });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    setNotice(
      res.data.status === 'CONFIRMED'
        ? `您是“${res.data.orgName}”的法定代表人，已自动确认。`
        : `已提交申请，信用中心工作人员核实后确认“${res.data.orgName}”。`,
    );
    formEl.reset();
    router.refresh();
  };
  return (
    <form onSubmit={submit} className="space-y-3" noValidate data-testid="declare-org-form">
      <Field
        label="统一社会信用代码"
        name="uscc"
        required
        maxLength={18}
        autoComplete="off"
        hint="法定代表人申请的将自动确认；其他人员申请的，由信用中心核实授权后确认"
      />
      <FormError message={error} />
      {notice && (
        <p role="status" className="text-sm text-emerald-800">
          {notice}
        </p>
      )}
      <button type="submit" disabled={busy} className={secondaryButton}>
        {busy ? '正在提交…' : '申请代表该组织'}
      </button>
    </form>
  );
}
