'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';

function isSent(body: unknown): body is { cases: { number: string }[]; notice?: string } {
  return !!body && typeof body === 'object' && 'cases' in body && Array.isArray(body.cases);
}

/**
 * 中心反馈: the credit centre sends stored records back to their provider with a reason. Used on a
 * record's page (one record) and on a batch page (the chosen records).
 */
export function SendFeedback({
  recordId,
  recordIds,
  onSent,
}: {
  recordId?: string;
  recordIds?: string[];
  onSent?: () => void;
}) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = recordIds ?? (recordId ? [recordId] : []);

  async function send(e: FormEvent) {
    e.preventDefault();
    if (!ids.length) return setMessage({ ok: false, text: '请先选择要反馈的记录' });
    setBusy(true);
    setMessage(null);
    const res = await callApi('/api/records/feedback', {
      json: { recordIds: ids, reason },
      accept: isSent,
      networkError: '网络错误，发送失败，请重试',
    });
    setBusy(false);
    if (res.ok) {
      const numbers = res.data.cases.map((c) => c.number).join('、');
      const notice = res.data.notice;
      setMessage({
        ok: true,
        text: notice ? `已登记反馈 ${numbers}。${notice}` : `已发出反馈 ${numbers}，等待提供部门处理`,
      });
      setReason('');
      onSent?.();
      router.refresh();
    } else setMessage({ ok: false, text: res.message });
  }

  return (
    <form
      onSubmit={send}
      className="space-y-2 rounded-lg border border-amber-200 bg-amber-50/50 p-4 text-sm"
      data-testid="send-feedback"
    >
      <label className="block font-medium text-slate-900" htmlFor="feedback-reason">
        中心反馈：退回提供部门核实{recordIds ? `（已选 ${ids.length} 条）` : ''}
      </label>
      <textarea
        id="feedback-reason"
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="写明需要部门核实或更正的内容"
        data-testid="send-feedback-reason"
        className="block w-full rounded border border-slate-300 bg-white px-2 py-1"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy || ids.length === 0}
          data-testid="send-feedback-submit"
          className="rounded-md bg-amber-700 px-4 py-1.5 font-medium text-white hover:bg-amber-800 disabled:opacity-50"
        >
          {busy ? '发送中…' : '发送反馈'}
        </button>
        {message && (
          <span
            role={message.ok ? 'status' : 'alert'}
            data-testid="send-feedback-message"
            className={message.ok ? 'text-emerald-800' : 'text-red-700'}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
