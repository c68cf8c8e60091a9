'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { callApi } from '@/app/_lib/api-client';

interface OfflineResult {
  rowsRead: number;
  submitted: number;
  unchanged: number;
  stillWrong: { sheetRow: number; rowNumber: number; problems: { message: string }[] }[];
  unmatched: number[];
  reply: { done: boolean; message: string } | null;
}

function isResult(v: unknown): v is OfflineResult {
  return !!v && typeof v === 'object' && 'submitted' in v && 'stillWrong' in v && Array.isArray(v.stillWrong);
}

/**
 * Offline fixing: download the open rows as an xlsx (faulty cells red, reasons as comments), correct
 * them in Excel, upload the file back. Rows that pass are resubmitted; rows still wrong are listed here.
 */
export function OfflinePanel({ taskId, enabled }: { taskId: string; enabled: boolean }) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<OfflineResult | null>(null);
  const base = `/api/tasks/${encodeURIComponent(taskId)}`;

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return setError('请先选择修复后的 Excel 文件');
    setBusy(true);
    setError(null);
    setResult(null);
    const res = await callApi(`${base}/suspects?filename=${encodeURIComponent(file.name)}`, {
      body: file,
      accept: isResult,
      networkError: '网络错误，上传失败，请重试',
    });
    setBusy(false);
    if (fileRef.current) fileRef.current.value = '';
    if (res.ok) {
      setResult(res.data);
      router.refresh();
    } else setError(res.message);
  }

  if (!enabled && !result) return null;
  return (
    <section
      aria-labelledby="offline-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      data-testid="offline-panel"
    >
      <h2 id="offline-title" className="font-medium text-slate-900">
        离线修复
      </h2>
      <p className="text-slate-600">
        下载待修复的数据，在 Excel
        中按红色单元格的批注修改后上传；系统按隐藏的置疑编号逐行对应，通过校验的行将重新上报。
      </p>
      {enabled && (
        <div className="flex flex-wrap items-center gap-3">
          <a
            href={`${base}/suspects.xlsx`}
            download
            data-testid="offline-download"
            className="rounded-md border border-blue-700 px-3 py-1.5 font-medium text-blue-700 hover:bg-blue-50"
          >
            下载置疑数据（Excel）
          </a>
          <form onSubmit={upload} className="flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor="offline-file">
              修复后的文件
            </label>
            <input
              id="offline-file"
              ref={fileRef}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="offline-file"
              className="text-sm"
            />
            <button
              type="submit"
              disabled={busy}
              data-testid="offline-upload"
              className="rounded-md bg-blue-700 px-4 py-1.5 font-medium text-white hover:bg-blue-800 disabled:bg-blue-400"
            >
              {busy ? '上传中…' : '上传修复文件'}
            </button>
          </form>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="offline-error" className="rounded-md bg-red-50 px-3 py-2 text-red-700">
          {error}
        </p>
      )}
      {result && (
        <div
          role="status"
          data-testid="offline-result"
          className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-slate-700"
        >
          <p>
            读取 {result.rowsRead} 行：重新上报 <span data-testid="offline-submitted">{result.submitted}</span>{' '}
            行，未修改 {result.unchanged} 行，仍未通过校验{' '}
            <span data-testid="offline-still-wrong">{result.stillWrong.length}</span> 行
            {result.unmatched.length > 0 &&
              `，无法对应 ${result.unmatched.length} 行（第 ${result.unmatched.join('、')} 行）`}
            。
          </p>
          {result.reply && <p data-testid="offline-reply">{result.reply.message}</p>}
          {result.stillWrong.map((w) => (
            <p key={w.sheetRow} className="text-red-700">
              文件第 {w.sheetRow} 行（原始第 {w.rowNumber} 行）：{w.problems.map((p) => p.message).join('；')}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
