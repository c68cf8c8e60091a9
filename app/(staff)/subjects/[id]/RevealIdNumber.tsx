'use client';

import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** Shows a person's 身份证号 masked; a user with the permission may reveal it once, which the server audits. */
export function RevealIdNumber({ subjectId, masked }: { subjectId: string; masked: string }) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    setBusy(true);
    setError(null);
    const res = await callApi<{ value: string }>(`/api/subjects/${subjectId}/reveal`, {
      method: 'POST',
      networkError: '网络错误，请重试',
    });
    setBusy(false);
    if (res.ok) setValue(res.data.value);
    else setError(res.message);
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono" data-testid="subject-id-number">
        {value ?? masked}
      </span>
      {value === null && (
        <button
          type="button"
          onClick={reveal}
          disabled={busy}
          data-testid="subject-reveal"
          className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50"
        >
          {busy ? '请稍候…' : '查看明文（将记入审计日志）'}
        </button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
