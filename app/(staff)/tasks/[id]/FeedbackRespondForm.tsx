'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/app/_components/Badge';
import { callApi } from '@/app/_lib/api-client';
import type { FeedbackItemView } from '@/lib/feedback/view';
import { failingRows, isFixReply, NETWORK_ERROR } from './fix-types';

export interface RespondGroup {
  name: string;
  fields: { key: string; label: string; options: { code: string; label: string }[] | null }[];
  items: FeedbackItemView[];
}

type Answer = { action: '' | 'correct' | 'explain'; values: Record<string, string>; explanation: string };

export const FEEDBACK_ITEM_STATUS: Record<string, string> = {
  OPEN: '待处理',
  SUBMITTED: '更正处理中',
  CORRECTED: '已更正',
  EXPLAINED: '已说明',
};

/** The provider answers each record: correct it (a new revision once checked) or explain why it is right. */
export function FeedbackRespondForm({
  taskId,
  groups,
  canEdit,
}: {
  taskId: string;
  groups: RespondGroup[];
  canEdit: boolean;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const answerOf = (item: FeedbackItemView): Answer =>
    answers[item.id] ?? { action: '', values: { ...item.values }, explanation: '' };
  const update = (item: FeedbackItemView, patch: Partial<Answer>) =>
    setAnswers((a) => ({ ...a, [item.id]: { ...answerOf(item), ...patch } }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const items = Object.entries(answers)
      .filter(([, a]) => a.action)
      .map(([itemId, a]) =>
        a.action === 'correct'
          ? { itemId, action: a.action, values: a.values }
          : { itemId, action: a.action, explanation: a.explanation },
      );
    if (!items.length) return setMessage({ ok: false, text: '请先为至少一条记录选择“更正”或“说明”' });
    setBusy(true);
    setMessage(null);
    const res = await callApi(`/api/tasks/${encodeURIComponent(taskId)}/feedback`, {
      json: { items },
      accept: isFixReply,
      networkError: NETWORK_ERROR,
    });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: res.data.message });
      setAnswers({});
      setProblems({});
      router.refresh();
      return;
    }
    const failing = failingRows(res.details);
    setProblems(Object.fromEntries(failing.map((f) => [f.itemId, f.problems.map((p) => p.message)])));
    setMessage({ ok: false, text: res.message });
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="feedback-form">
      {message && (
        <p
          role={message.ok ? 'status' : 'alert'}
          data-testid={message.ok ? 'feedback-message' : 'feedback-error'}
          className={`rounded-md px-4 py-3 text-sm ${message.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-700'}`}
        >
          {message.text}
        </p>
      )}
      {groups.map((g) => (
        <section key={g.name} className="space-y-3">
          <h2 className="font-medium text-slate-900">{g.name}</h2>
          {g.items.map((item) => {
            const a = answerOf(item);
            const editable = canEdit && item.status === 'OPEN';
            return (
              <article
                key={item.id}
                data-testid="feedback-item"
                data-status={item.status}
                className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
              >
                <header className="flex flex-wrap items-center gap-2">
                  <Link href={`/records/${item.recordId}`} className="font-medium text-blue-700 hover:underline">
                    批次 {item.batchNumber} 第 {item.rowNumber} 行
                  </Link>
                  <Badge tone={item.status === 'OPEN' ? 'amber' : 'green'}>
                    {FEEDBACK_ITEM_STATUS[item.status] ?? item.status}
                  </Badge>
                </header>
                {item.centreComment && item.status === 'OPEN' && (
                  <p className="mt-1 text-amber-800">信用中心意见：{item.centreComment}</p>
                )}
                {item.lastProblem && <p className="mt-1 text-red-700">{item.lastProblem}</p>}
                {(problems[item.id] ?? []).map((p) => (
                  <p key={p} className="mt-1 text-red-700" data-testid="feedback-problem">
                    {p}
                  </p>
                ))}
                {editable && (
                  <fieldset className="mt-2 flex gap-4">
                    <legend className="sr-only">处理方式</legend>
                    {(
                      [
                        ['correct', '更正记录'],
                        ['explain', '说明记录无误'],
                      ] as const
                    ).map(([value, text]) => (
                      <label key={value} className="flex items-center gap-1">
                        <input
                          type="radio"
                          name={`action-${item.id}`}
                          checked={a.action === value}
                          onChange={() => update(item, { action: value })}
                          data-testid={`feedback-${value}`}
                        />
                        {text}
                      </label>
                    ))}
                  </fieldset>
                )}
                {editable && a.action === 'explain' && (
                  <textarea
                    rows={2}
                    maxLength={1000}
                    value={a.explanation}
                    onChange={(e) => update(item, { explanation: e.target.value })}
                    aria-label="说明理由"
                    data-testid="feedback-explanation"
                    className="mt-2 block w-full rounded border border-slate-300 px-2 py-1"
                  />
                )}
                {!editable && item.explanation && <p className="mt-1 text-slate-700">说明：{item.explanation}</p>}
                <div className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                  {g.fields.map((f) => (
                    <label key={f.key} className="block text-xs text-slate-500" data-field={f.key}>
                      {f.label}
                      {editable && a.action === 'correct' ? (
                        f.options ? (
                          <select
                            value={a.values[f.key] ?? ''}
                            onChange={(e) => update(item, { values: { ...a.values, [f.key]: e.target.value } })}
                            className="mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
                          >
                            <option value="">（空）</option>
                            {f.options.map((o) => (
                              <option key={o.code} value={o.code}>
                                {o.code} {o.label}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            type="text"
                            value={a.values[f.key] ?? ''}
                            onChange={(e) => update(item, { values: { ...a.values, [f.key]: e.target.value } })}
                            className="mt-0.5 block w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-800"
                          />
                        )
                      ) : (
                        <span className="mt-0.5 block break-all text-sm text-slate-800">
                          {item.values[f.key] || '—'}
                        </span>
                      )}
                    </label>
                  ))}
                </div>
              </article>
            );
          })}
        </section>
      ))}
      {canEdit && (
        <button
          type="submit"
          disabled={busy}
          data-testid="feedback-submit"
          className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
        >
          {busy ? '提交中…' : '提交答复'}
        </button>
      )}
    </form>
  );
}
