'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** Claims an unclaimed department task; a lost race (409) is shown, then the list is refreshed. */
export function ClaimButton({ taskId, label = '认领' }: { taskId: string; label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/claim`, { method: 'POST' });
    setBusy(false);
    if (!res.ok) setError(res.message);
    // A network failure leaves the list as it was; any answer (a lost race too) may have changed it.
    if (res.status !== 0) router.refresh();
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
