'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';

/** 受控主体: staff set or lift a subject's restriction with a reason; its records leave public views. */
export function SubjectRestriction({
  subjectId,
  subjectName,
  restricted,
  reason: currentReason,
}: {
  subjectId: string;
  subjectName: string;
  restricted: boolean;
  reason: string | null;
}) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    const res = await callApi(`/api/subjects/${subjectId}/restriction`, {
      method: 'PUT',
      json: { restricted: !restricted, reason },
      networkError: '网络错误，操作失败，请重试',
    });
    setBusy(false);
    if (res.ok) {
      setMessage({ ok: true, text: restricted ? '已解除受控' : '已设为受控主体，其记录不再公开' });
      setReason('');
      router.refresh();
    } else setMessage({ ok: false, text: res.message });
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      data-testid="subject-restriction"
    >
      <p className="font-medium text-slate-900">
        主体“{subjectName}”：{restricted ? '受控主体' : '非受控'}
        {restricted && currentReason && <span className="ml-2 font-normal text-slate-600">原因：{currentReason}</span>}
      </p>
      <label className="block text-slate-700" htmlFor="restriction-reason">
        {restricted ? '解除受控的原因' : '设为受控的原因（设为受控后，该主体的记录不在公开和共享查询中显示）'}
      </label>
      <textarea
        id="restriction-reason"
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="restriction-reason"
        className="block w-full rounded border border-slate-300 bg-white px-2 py-1"
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={busy}
          data-testid="restriction-submit"
          className="rounded-md bg-slate-700 px-4 py-1.5 font-medium text-white hover:bg-slate-800 disabled:opacity-50"
        >
          {busy ? '提交中…' : restricted ? '解除受控' : '设为受控主体'}
        </button>
        {message && (
          <span
            role={message.ok ? 'status' : 'alert'}
            data-testid="restriction-message"
            className={message.ok ? 'text-emerald-800' : 'text-red-700'}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
