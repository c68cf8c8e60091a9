// Rate and time left of a running import, from what the batch row knows: rows read so far, when processing
// started, and (when known) how many rows to expect. Pure: the batch page and the import CLI share it.

export interface ProgressInput {
  rowsRead: number;
  startedAt: Date | string | null;
  expectedRows: number | null;
  now?: number;
}

export interface ProgressEstimate {
  elapsedMs: number;
  /** Rows per second since processing started; null until there is something to measure. */
  rate: number | null;
  /** Milliseconds left at the current rate; null when the total is unknown or nothing was read yet. */
  etaMs: number | null;
  /** 0–100 when the total is known. */
  percent: number | null;
}

export function estimateProgress({
  rowsRead,
  startedAt,
  expectedRows,
  now = Date.now(),
}: ProgressInput): ProgressEstimate {
  const start = startedAt ? new Date(startedAt).getTime() : null;
  const elapsedMs = start === null ? 0 : Math.max(0, now - start);
  const rate = elapsedMs >= 1000 && rowsRead > 0 ? rowsRead / (elapsedMs / 1000) : null;
  const known = expectedRows !== null && expectedRows > 0;
  const left = known ? Math.max(0, expectedRows - rowsRead) : null;
  return {
    elapsedMs,
    rate,
    etaMs: rate && left !== null ? Math.round((left / rate) * 1000) : null,
    percent: known ? Math.min(100, Math.floor((rowsRead / expectedRows) * 100)) : null,
  };
}

/** 1 小时 5 分, 3 分 20 秒, 45 秒. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} 分 ${s % 60} 秒`;
  return `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate).toLocaleString('zh-CN')} 行/秒`;
}
