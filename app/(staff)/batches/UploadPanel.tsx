'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { problemMessage } from '@/app/_lib/api-client';

interface UploadCatalog {
  code: string;
  name: string;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number | null } | { kind: 'done' };

// The formats lib/import/readers reads; the server checks each file's content again (lib/import/readers/detect.ts).
const EXTENSIONS = ['.xlsx', '.csv', '.txt', '.xml'];
const TEMPLATE_FORMATS = [
  { format: 'xlsx', label: 'Excel', testId: 'template-link' },
  { format: 'csv', label: 'CSV', testId: 'template-link-csv' },
  { format: 'txt', label: 'TXT', testId: 'template-link-txt' },
  { format: 'xml', label: 'XML', testId: 'template-link-xml' },
  { format: 'xsd', label: 'XML 结构（XSD）', testId: 'template-link-xsd' },
];

/**
 * Uploads a filled template as the raw request body. XMLHttpRequest rather than fetch because only XHR
 * reports upload progress, which matters for files of up to 200 MB; it is a same-origin POST like fetch, and
 * its refusal is read by the same problemMessage as every other call (app/_lib/api-client.ts).
 */
export function UploadPanel({
  catalogs,
  canDownloadTemplate,
}: {
  catalogs: UploadCatalog[];
  canDownloadTemplate: boolean;
}) {
  const router = useRouter();
  const ids = { catalog: useId(), file: useId() };
  const [catalog, setCatalog] = useState(catalogs[0]?.code ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const busy = phase.kind !== 'idle';

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (!catalog) return setError('请选择数据目录');
    if (!file) return setError('请选择要上传的文件');
    if (!EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext)))
      return setError('仅支持上传 .xlsx、.csv、.txt 或 .xml 格式的文件');
    if (file.size === 0) return setError('文件为空');

    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/batches?${new URLSearchParams({ catalog, filename: file.name })}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (ev) =>
      setPhase({ kind: 'uploading', fraction: ev.lengthComputable ? ev.loaded / ev.total : null });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled as a generic failure below
      }
      // 202: received, its import starts once the processing service is back (the batch page says so).
      const id =
        (xhr.status === 201 || xhr.status === 202) && body && typeof body === 'object' && 'id' in body
          ? String(body.id)
          : null;
      if (id) {
        // Keep the panel disabled while the detail page loads.
        setPhase({ kind: 'done' });
        router.push(`/batches/${id}`);
        return;
      }
      setPhase({ kind: 'idle' });
      setError(problemMessage(xhr.status, body));
    };
    xhr.onerror = () => {
      setPhase({ kind: 'idle' });
      setError('网络错误，上传失败，请重试');
    };
    setPhase({ kind: 'uploading', fraction: 0 });
    xhr.send(file);
  }

  if (catalogs.length === 0) {
    return (
      <section
        className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-sm"
        data-testid="upload-panel"
      >
        本部门暂无可报送的数据目录，如有疑问请联系信用中心。
      </section>
    );
  }

  const percent = phase.kind === 'uploading' && phase.fraction !== null ? Math.round(phase.fraction * 100) : null;
  return (
    <section
      aria-labelledby="upload-title"
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="upload-panel"
    >
      <h2 id="upload-title" className="font-medium text-slate-900">
        上传数据
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-4 lg:flex-row lg:items-end">
        <div className="lg:w-72">
          <label htmlFor={ids.catalog} className="block text-sm font-medium text-slate-700">
            数据目录
          </label>
          <select
            id={ids.catalog}
            value={catalog}
            disabled={busy}
            onChange={(e) => setCatalog(e.target.value)}
            data-testid="upload-catalog"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {catalogs.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
          {canDownloadTemplate && catalog && (
            <p className="mt-1 flex flex-wrap items-baseline gap-x-2 text-sm text-slate-600">
              <span>下载模板：</span>
              {TEMPLATE_FORMATS.map((t) => (
                <a
                  key={t.format}
                  href={`/api/catalogs/${encodeURIComponent(catalog)}/template${t.format === 'xlsx' ? '' : `?format=${t.format}`}`}
                  download
                  data-testid={t.testId}
                  className="text-blue-700 hover:underline"
                >
                  {t.label}
                </a>
              ))}
            </p>
          )}
        </div>
        <div className="flex-1">
          <label htmlFor={ids.file} className="block text-sm font-medium text-slate-700">
            数据文件（.xlsx、.csv、.txt、.xml）
          </label>
          <input
            id={ids.file}
            type="file"
            accept=".xlsx,.csv,.txt,.xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain,application/xml,text/xml"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="upload-file"
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          data-testid="upload-submit"
          className="rounded-md bg-blue-700 px-5 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-not-allowed disabled:bg-blue-400"
        >
          {busy ? '上传中…' : '上传'}
        </button>
      </form>
      {phase.kind !== 'idle' && (
        <div className="mt-4" data-testid="upload-progress">
          <div
            role="progressbar"
            aria-label="上传进度"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            className="h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="h-full bg-blue-600 transition-all" style={{ width: `${percent ?? 100}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600" aria-live="polite">
            {phase.kind === 'done'
              ? '上传成功，正在打开批次…'
              : percent === null || percent >= 100
                ? '正在校验文件…'
                : `正在上传 ${percent}%`}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="upload-error" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
