'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/app/_components/Badge';
import { callApi } from '@/app/_lib/api-client';
import { FEEDBACK_ITEM_STATUS, type RespondGroup } from './FeedbackRespondForm';
import { isFixReply, NETWORK_ERROR } from './fix-types';

/** The centre closes the case, or returns the chosen records to the provider with one comment. */
export function FeedbackDecisionForm({
  taskId,
  groups,
  canEdit,
}: {
  taskId: string;
  groups: RespondGroup[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function decide(body: { action: 'close' } | { action: 'return'; itemIds: string[]; comment: string }) {
    setBusy(true);
    setMessage(null);
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/feedback/decision`, {
      json: body,
      accept: isFixReply,
      networkError: NETWORK_ERROR,
    });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: res.data.message });
      router.refresh();
    } else setMessage({ ok: false, text: res.message });
  }

  return (
    <div className="space-y-3" data-testid="feedback-decision">
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          data-testid={message.ok ? 'feedback-message' : 'feedback-error'}
          className={`rounded-md px-4 py-3 text-sm ${message.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
        >
          {message.text}
        </p>
      )}
      <ul className="space-y-2">
        {groups.flatMap((g) =>
          g.items.map((item) => (
            <li
              key={item.id}
              data-testid="feedback-item"
              data-status={item.status}
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
            >
              <label className="flex flex-wrap items-center gap-2">
                {canEdit && (
                  <input
                    type="checkbox"
                    checked={chosen.has(item.id)}
                    onChange={(e) =>
                      setChosen((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(item.id);
                        else next.delete(item.id);
                        return next;
                      })
                    }
                    aria-label={`选择退回 批次 ${item.batchNumber} 第 ${item.rowNumber} 行`}
                    data-testid="feedback-choose"
                  />
                )}
                <Link href={`/records/${item.recordId}`} className="font-medium text-blue-700 hover:underline">
                  {g.name} · 批次 {item.batchNumber} 第 {item.rowNumber} 行
                </Link>
                <Badge tone={item.status === 'CORRECTED' ? 'green' : 'blue'}>
                  {FEEDBACK_ITEM_STATUS[item.status] ?? item.status}
                </Badge>
              </label>
              {item.status === 'CORRECTED' && (
                <p className="mt-1 text-slate-700">
                  已更正为第 {item.revision} 版，修改：{item.changed.join('、') || '—'}
                </p>
              )}
              {item.status === 'EXPLAINED' && <p className="mt-1 text-slate-700">部门说明：{item.explanation}</p>}
            </li>
          )),
        )}
      </ul>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => decide({ action: 'close' })}
            data-testid="feedback-close"
            className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
          >
            办结反馈
          </button>
          <input
            type="text"
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder="退回意见"
            aria-label="退回意见"
            data-testid="feedback-return-comment"
            className="min-w-64 flex-1 rounded border border-slate-300 px-2 py-1.5 text-sm"
          />
          <button
            type="button"
            disabled={busy}
            onClick={() => decide({ action: 'return', itemIds: [...chosen], comment })}
            data-testid="feedback-return"
            className="rounded-md border border-blue-700 px-4 py-2 text-sm font-medium text-blue-700 hover:bg-blue-50 disabled:opacity-50"
          >
            退回所选记录
          </button>
        </div>
      )}
    </div>
  );
}
