'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** One administrative action without a form (delete, enable, switch on/off), optionally confirmed first. */
export function ActionButton({
  method,
  url,
  body,
  label,
  confirm,
  redirectTo,
  tone = 'default',
  testId,
}: {
  method: string;
  url: string;
  body?: unknown;
  label: string;
  confirm?: string;
  redirectTo?: string;
  tone?: 'default' | 'danger';
  testId?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    const result = await callApi(url, { method, json: body });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    if (redirectTo) router.push(redirectTo);
    router.refresh();
  }

  const colors =
    tone === 'danger'
      ? 'border-red-600 text-red-700 hover:bg-red-50'
      : 'border-blue-700 text-blue-700 hover:bg-blue-50';
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={run}
        disabled={busy}
        data-testid={testId}
        className={`rounded border px-2.5 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50 ${colors}`}
      >
        {busy ? '处理中…' : label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-600" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
    </span>
  );
}
