'use client';

import { useEffect, useState } from 'react';
import { formatCount } from '@/app/_lib/format';
import { estimateProgress, formatDuration, formatRate } from '@/lib/exchange/batch-progress';

/**
 * The progress of a running import: rows read, rate since processing started, elapsed time and, when the
 * row count is known (manual entry exactly, uploaded files by estimate), the share done and the time left.
 * An Excel file's row count shows only at its end, so its bar stays indeterminate.
 */
export function ImportRate({
  status,
  rowsRead,
  startedAt,
  expectedRows,
}: {
  status: string;
  rowsRead: number;
  startedAt: string | null;
  expectedRows: number | null;
}) {
  // The clock ticks on its own so elapsed time and rate move between polls.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);
  const e = now === null ? null : estimateProgress({ rowsRead, startedAt, expectedRows, now });
  const percent = e?.percent ?? null;

  return (
    <div data-testid="batch-progress">
      <div
        role="progressbar"
        aria-label="处理进度"
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        {percent === null ? (
          <div className="h-full w-1/3 animate-pulse rounded-full bg-blue-600" />
        ) : (
          <div className="h-full rounded-full bg-blue-600 transition-all" style={{ width: `${percent}%` }} />
        )}
      </div>
      <p className="mt-1 text-xs text-slate-600" aria-live="polite" data-testid="batch-rate">
        {status === 'RECEIVED' || !e ? (
          '等待处理…'
        ) : (
          <>
            正在处理，已读取 {formatCount(rowsRead)} 行
            {expectedRows !== null && <>（共约 {formatCount(expectedRows)} 行）</>}
            <span className="ml-3">速度 {formatRate(e.rate)}</span>
            <span className="ml-3">已用时 {formatDuration(e.elapsedMs)}</span>
            <span className="ml-3">
              {e.etaMs !== null ? `预计剩余 ${formatDuration(e.etaMs)}` : '总行数未知，读完后显示结果'}
            </span>
          </>
        )}
      </p>
    </div>
  );
}
