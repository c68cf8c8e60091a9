'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** Confirm, or reject with a reason, one declared representation. */
export function DecideForm({ id }: { id: string }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'CONFIRM' | 'REJECT') => {
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/admin/representatives/${id}`, { json: { decision, reason: reason || null } });
    setBusy(false);
    if (!res.ok) setError(res.message);
    else router.refresh();
  };
  return (
    <div className="mt-3 flex flex-wrap items-end gap-2">
      <label className="flex-1 text-sm text-slate-700">
        驳回理由
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5"
        />
      </label>
      <button
        type="button"
        disabled={busy}
        onClick={() => void decide('CONFIRM')}
        data-testid="confirm-representation"
        className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
      >
        确认
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => void decide('REJECT')}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      >
        驳回
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
