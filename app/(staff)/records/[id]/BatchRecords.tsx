'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { Badge } from '@/app/_components/Badge';
import { callApi } from '@/app/_lib/api-client';
import type { BatchRecordRow } from '@/lib/records/batch-records';
import { SendFeedback } from './SendFeedback';

interface Page {
  total: number;
  late: number;
  page: number;
  pages: number;
  rows: BatchRecordRow[];
}

/**
 * The records a batch stored, each linking to its trace (/records/<id>), with the timeliness flag;
 * centre staff (canFeedback) pick records here and send them back to the provider (中心反馈, R-3.4).
 * Rendered on the batch page; reads /api/records/of-batch page by page.
 */
export function BatchRecords({ batchId, canFeedback }: { batchId: string; canFeedback: boolean }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const load = useCallback(async () => {
    const res = await callApi(`/api/records/of-batch?batchId=${batchId}&page=${page}`, {
      cache: 'no-store',
      networkError: '网络错误，无法读取记录',
    });
    if (res.ok) setData(res.data as Page);
    else setError(res.message);
  }, [batchId, page]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <p className="text-sm text-red-700">{error}</p>;
  if (!data || data.total === 0) return null;
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section
      aria-labelledby="records-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="batch-records"
    >
      <h2 id="records-title" className="font-medium text-slate-900">
        入库记录
        <span className="ml-2 text-sm font-normal text-slate-500" data-testid="batch-records-stats">
          共 {data.total} 条，逾期上报 <span data-testid="batch-records-late">{data.late}</span> 条
        </span>
      </h2>
      <table className="min-w-full text-sm">
        <thead className="text-left text-slate-500">
          <tr>
            {canFeedback && <th scope="col" className="w-8 py-1" aria-label="选择" />}
            <th scope="col" className="py-1 font-medium">
              行号
            </th>
            <th scope="col" className="py-1 font-medium">
              行政相对人
            </th>
            <th scope="col" className="py-1 font-medium">
              决定文书号
            </th>
            <th scope="col" className="py-1 font-medium">
              决定日期
            </th>
            <th scope="col" className="py-1 font-medium">
              状态
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.rows.map((r) => (
            <tr
              key={r.id}
              data-testid="batch-record"
              data-row-number={r.rowNumber}
              data-late={r.reportedLate ? 'true' : undefined}
            >
              {canFeedback && (
                <td className="py-1.5">
                  <input
                    type="checkbox"
                    disabled={!!r.openFeedback}
                    checked={chosen.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    aria-label={`选择第 ${r.rowNumber} 行`}
                    data-testid="batch-record-choose"
                  />
                </td>
              )}
              <td className="py-1.5 tabular-nums">
                <Link
                  href={`/records/${r.id}`}
                  className="text-blue-700 hover:underline"
                  data-testid="batch-record-link"
                >
                  {r.rowNumber}
                </Link>
              </td>
              <td className="py-1.5">{r.subjectName}</td>
              <td className="py-1.5">{r.decisionNumber}</td>
              <td className="py-1.5 tabular-nums">{r.decisionDate ?? '—'}</td>
              <td className="flex flex-wrap gap-1 py-1.5">
                {r.revision > 1 && <Badge tone="slate">第 {r.revision} 版</Badge>}
                {r.reportedLate && <Badge tone="red">逾期上报</Badge>}
                {r.openFeedback && <Badge tone="amber">反馈中 {r.openFeedback}</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label="记录分页">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
            className="text-blue-700 disabled:text-slate-400"
          >
            上一页
          </button>
          <span className="tabular-nums text-slate-600">
            {data.page} / {data.pages}
          </span>
          <button
            type="button"
            disabled={page >= data.pages}
            onClick={() => setPage(page + 1)}
            className="text-blue-700 disabled:text-slate-400"
          >
            下一页
          </button>
        </nav>
      )}
      {canFeedback && (
        <SendFeedback
          recordIds={[...chosen]}
          onSent={() => {
            setChosen(new Set());
            void load();
          }}
        />
      )}
    </section>
  );
}
