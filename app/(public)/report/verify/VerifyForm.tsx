'use client';

import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';
import { formatDateTime } from '@/app/_lib/format';

interface Verified {
  genuine: true;
  number: string;
  issuedAt: string;
  contentSha256: string;
  snapshot: {
    subject: { name: string; uscc: string | null };
    queriedAt: string;
    sections: { key: string; title: string; total: number }[];
  };
}

const isVerified = (d: unknown): d is Verified => !!d && typeof d === 'object' && (d as Verified).genuine === true;

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-base text-slate-900 focus:border-blue-700 focus:outline-2 focus:outline-blue-700';

export function VerifyForm({ initialNumber }: { initialNumber: string }) {
  const [number, setNumber] = useState(initialNumber);
  const [checkCode, setCheckCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verified | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await callApi<Verified>('/api/public/report/verify', {
      json: { number, checkCode },
      accept: isVerified,
      networkError: '网络错误，核验未完成，请重试',
    });
    setBusy(false);
    if (res.ok) setResult(res.data);
    else setError(res.message);
  }

  return (
    <>
      <form
        onSubmit={submit}
        className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        noValidate
      >
        <div>
          <label htmlFor="report-number" className="block text-sm font-medium text-slate-800">
            报告编号
          </label>
          <input
            id="report-number"
            name="number"
            data-testid="verify-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            autoComplete="off"
            placeholder="如 WZ2026120300000001"
            maxLength={64}
            required
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="report-check-code" className="block text-sm font-medium text-slate-800">
            校验码
          </label>
          <input
            id="report-check-code"
            name="checkCode"
            data-testid="verify-check-code"
            value={checkCode}
            onChange={(e) => setCheckCode(e.target.value)}
            autoComplete="off"
            placeholder="报告首页上的8位校验码"
            maxLength={64}
            required
            className={inputClass}
          />
        </div>
        <button
          type="submit"
          data-testid="verify-submit"
          disabled={busy}
          className="w-full rounded-md bg-blue-800 px-4 py-2.5 font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60 sm:w-auto"
        >
          {busy ? '正在核验…' : '核验报告'}
        </button>
      </form>

      <div aria-live="polite" className="mt-6">
        {error && (
          <p
            role="alert"
            data-testid="verify-error"
            className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900"
          >
            {error}
          </p>
        )}
        {result && <VerifiedSummary report={result} />}
      </div>
    </>
  );
}

function VerifiedSummary({ report }: { report: Verified }) {
  const s = report.snapshot;
  return (
    <section
      data-testid="verify-result"
      aria-labelledby="verify-ok"
      className="rounded-lg border border-green-300 bg-green-50 p-5"
    >
      <h2 id="verify-ok" className="text-lg font-semibold text-green-900">
        核验通过：该报告由信用武陟出具
      </h2>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[9rem_1fr]">
        <dt className="text-slate-600">报告编号</dt>
        <dd className="font-mono text-slate-900">{report.number}</dd>
        <dt className="text-slate-600">主体名称</dt>
        <dd data-testid="verify-subject" className="text-slate-900">
          {s.subject.name}
        </dd>
        <dt className="text-slate-600">统一社会信用代码</dt>
        <dd className="font-mono text-slate-900">{s.subject.uscc ?? '—'}</dd>
        <dt className="text-slate-600">出具时间</dt>
        <dd className="text-slate-900">{formatDateTime(report.issuedAt)}（北京时间）</dd>
        <dt className="text-slate-600">文件摘要（SHA-256）</dt>
        <dd className="font-mono text-xs break-all text-slate-900">{report.contentSha256}</dd>
      </dl>
      <h3 className="mt-4 text-sm font-semibold text-slate-900">报告各部分记录数</h3>
      <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
        {s.sections
          .filter((x) => x.key !== 'ADVICE')
          .map((x) => (
            <li key={x.key} className="flex justify-between gap-3 rounded bg-white px-3 py-1.5">
              <span className="text-slate-700">{x.title}</span>
              <span className="text-slate-900">{x.total > 0 ? `${x.total} 条` : '无'}</span>
            </li>
          ))}
      </ul>
      <p className="mt-3 text-xs leading-relaxed text-slate-600">
        报告内容以出具时点的公示信息为准；此后信息可能因公示期满、信用修复等原因发生变化。
      </p>
    </section>
  );
}
