'use client';

// Publish now, schedule for a time, or take offline. The server decides what is allowed (409 with the reason).
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_lib/api-client';

const button = 'rounded-md px-3 py-1.5 text-sm font-medium shadow-sm disabled:opacity-50';

export function StatusActions({
  id,
  isPublic,
  canUnpublish,
}: {
  id: string;
  isPublic: boolean;
  canUnpublish: boolean;
}) {
  const router = useRouter();
  const [when, setWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Buttons are enabled once hydrated, so an early click is never lost.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function act(json: Record<string, unknown>, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/admin/content/${id}/status`, { method: 'POST', json });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        {!isPublic && (
          <button
            type="button"
            disabled={busy || !ready}
            onClick={() => void act({ action: 'publish' })}
            className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}
            data-testid="article-publish"
          >
            立即发布
          </button>
        )}
        {!isPublic && (
          <div className="flex items-end gap-2">
            <label className="text-sm text-slate-700">
              定时发布时间
              <input
                type="datetime-local"
                value={when}
                onChange={(e) => setWhen(e.target.value)}
                className="mt-1 block rounded-md border border-slate-300 px-2 py-1 text-sm"
                data-testid="article-schedule-at"
              />
            </label>
            <button
              type="button"
              disabled={busy || !ready || !when}
              onClick={() => void act({ action: 'schedule', publishAt: new Date(when).toISOString() })}
              className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              data-testid="article-schedule"
            >
              定时发布
            </button>
          </div>
        )}
        {canUnpublish && (
          <button
            type="button"
            disabled={busy || !ready}
            onClick={() => void act({ action: 'unpublish' }, '下线后公众将看不到这篇文章，确定下线吗？')}
            className={`${button} border border-red-300 bg-white text-red-700 hover:bg-red-50`}
            data-testid="article-unpublish"
          >
            下线
          </button>
        )}
      </div>
      {error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          data-testid="article-status-error"
        >
          {error}
        </p>
      )}
    </div>
  );
}
