'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { isFixReply, NETWORK_ERROR } from './fix-types';

export interface ReviewRow {
  id: string;
  rowNumber: number;
  explanation: string;
  problems: string[];
  facts: { label: string; value: string }[];
}

type Decision = { decision: '' | 'ACCEPT' | 'RETURN'; comment: string };

/** One decision per explained row; rows left undecided stay for later. */
export function ReviewForm({ taskId, rows, canEdit }: { taskId: string; rows: ReviewRow[]; canEdit: boolean }) {
  const router = useRouter();
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (id: string, patch: Partial<Decision>) =>
    setDecisions((d) => ({ ...d, [id]: { decision: '', comment: '', ...d[id], ...patch } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = Object.entries(decisions)
      .filter(([, d]) => d.decision)
      .map(([itemId, d]) => ({ itemId, decision: d.decision, comment: d.comment.trim() || undefined }));
    if (!chosen.length) return setMessage({ ok: false, text: '请先对至少一行选择“同意入库”或“退回修复”' });
    setBusy(true);
    setMessage(null);
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/review`, {
      json: { decisions: chosen },
      accept: isFixReply,
      networkError: NETWORK_ERROR,
    });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: res.data.message });
      setDecisions({});
      router.refresh();
    } else setMessage({ ok: false, text: res.message });
  }

  if (!rows.length && !message)
    return (
      <p
        data-testid="review-empty"
        className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
      >
        暂无待确认的说明。
      </p>
    );
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="review-form">
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          data-testid={message.ok ? 'review-message' : 'review-error'}
          className={`rounded-md px-4 py-3 text-sm ${message.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
        >
          {message.text}
        </p>
      )}
      <ul className="space-y-3">
        {rows.map((r) => {
          const d = decisions[r.id];
          return (
            <li
              key={r.id}
              data-testid="review-row"
              data-row-number={r.rowNumber}
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
            >
              <p className="font-medium text-slate-900">原始第 {r.rowNumber} 行</p>
              <dl className="mt-2 grid gap-1 text-slate-700 sm:grid-cols-2">
                {r.facts.map((f) => (
                  <div key={f.label} className="flex gap-2">
                    <dt className="shrink-0 text-slate-500">{f.label}</dt>
                    <dd className="break-all">{f.value || '—'}</dd>
                  </div>
                ))}
              </dl>
              <p className="mt-2 text-red-700">问题：{r.problems.join('；')}</p>
              <p className="mt-1 text-slate-800">部门说明：{r.explanation}</p>
              {canEdit && (
                <fieldset className="mt-3 flex flex-wrap items-center gap-4">
                  <legend className="sr-only">第 {r.rowNumber} 行的决定</legend>
                  {(
                    [
                      ['ACCEPT', '同意，按原样入库'],
                      ['RETURN', '退回修复'],
                    ] as const
                  ).map(([value, text]) => (
                    <label key={value} className="flex items-center gap-1">
                      <input
                        type="radio"
                        name={`decision-${r.id}`}
                        value={value}
                        checked={d?.decision === value}
                        onChange={() => set(r.id, { decision: value })}
                        data-testid={`review-${value.toLowerCase()}`}
                      />
                      {text}
                    </label>
                  ))}
                  <input
                    type="text"
                    maxLength={1000}
                    placeholder={d?.decision === 'RETURN' ? '退回意见（必填）' : '意见（选填）'}
                    aria-label={`第 ${r.rowNumber} 行 意见`}
                    value={d?.comment ?? ''}
                    onChange={(e) => set(r.id, { comment: e.target.value })}
                    data-testid="review-comment"
                    className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1"
                  />
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
      {canEdit && rows.length > 0 && (
        <button
          type="submit"
          disabled={busy}
          data-testid="review-submit"
          className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
        >
          {busy ? '提交中…' : '提交审核意见'}
        </button>
      )}
    </form>
  );
}
