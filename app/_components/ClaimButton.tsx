'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { readJson, toProblem } from '@/app/_lib/problem';

/** Claims an unclaimed department task; a lost race (409) is shown, then the list is refreshed. */
export function ClaimButton({ taskId, label = '认领' }: { taskId: string; label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/tasks/${encodeURIComponent(taskId)}/claim`, { method: 'POST' });
      if (!res.ok) setError(toProblem(res.status, await readJson(res)).title);
      router.refresh();
    } catch {
      setError('网络错误，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={claim}
        disabled={busy}
        data-testid="claim-button"
        className="rounded border border-blue-700 px-2.5 py-1 text-xs font-medium text-blue-700 hover:bg-blue-50 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {busy ? '认领中…' : label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-600" data-testid="claim-error">
          {error}
        </span>
      )}
    </span>
  );
}
