// What the import CLI prints: progress lines while the batch runs, and the final report (counts and the
// suspect rows with their reasons) as text or as one JSON document.
import { db } from '../lib/db';
import { estimateProgress, formatDuration, formatRate } from '../lib/exchange/batch-progress';
import { readProblems } from '../lib/catalog/json-columns';

const DONE = ['RETURNED', 'COMPLETED', 'FAILED'];
const STATUS_LABEL: Record<string, string> = {
  RETURNED: '导入完成，置疑数据已退回提供部门修复',
  COMPLETED: '导入完成',
  FAILED: '导入失败',
};
/** Enough to act on; a benchmark of a million bad rows must not print a million lines. */
const MAX_SUSPECTS = 1000;

interface Progress {
  status: string;
  rowsRead: number;
  rowsStored: number;
  rowsSuspect: number;
  startedAt: Date | null;
  expectedRows: number | null;
}

export async function waitForImport(batchId: string, timeoutMs: number, onProgress: (p: Progress) => void) {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const b = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    const line = `${b.status}:${b.rowsRead}`;
    if (line !== last) onProgress(b);
    last = line;
    if (DONE.includes(b.status)) return;
    if (Date.now() > until) throw new Error(`等待超时（批次仍为 ${b.status}）：导入在工作流中继续进行`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export function formatProgress(p: Progress): string {
  if (p.status === 'RECEIVED') return '等待工作流开始处理…';
  const e = estimateProgress(p);
  const parts = [`已读取 ${p.rowsRead} 行`, `入库 ${p.rowsStored}`, `置疑 ${p.rowsSuspect}`, formatRate(e.rate)];
  if (e.percent !== null) parts.push(`${e.percent}%`);
  if (e.etaMs !== null && !DONE.includes(p.status)) parts.push(`预计剩余 ${formatDuration(e.etaMs)}`);
  return parts.join('，');
}

export async function batchReport(batchId: string) {
  const b = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    include: { catalogVersion: { include: { catalog: true } }, providerDept: true, file: true },
  });
  const suspects = await db.suspectItem.findMany({
    where: { batchId },
    orderBy: { rowNumber: 'asc' },
    take: MAX_SUSPECTS,
    select: { rowNumber: true, problems: true },
  });
  const seconds = b.startedAt && b.finishedAt ? (b.finishedAt.getTime() - b.startedAt.getTime()) / 1000 : null;
  return {
    batchId: b.id,
    number: b.number,
    status: b.status,
    statusLabel: STATUS_LABEL[b.status] ?? b.status,
    catalog: b.catalogVersion.catalog.code,
    catalogVersion: b.catalogVersion.version,
    dept: b.providerDept.code,
    file: b.file ? { name: b.file.originalName, sha256: b.file.sha256, size: Number(b.file.size) } : null,
    counts: {
      read: b.rowsRead,
      stored: b.rowsStored,
      updated: b.rowsUpdated,
      duplicate: b.rowsDuplicate,
      suspect: b.rowsSuspect,
    },
    error: b.error,
    startedAt: b.startedAt,
    seconds,
    suspects: suspects.map((s) => ({ row: s.rowNumber, problems: readProblems(s.problems) })),
    suspectsOmitted: Math.max(0, b.rowsSuspect - suspects.length),
  };
}

export type BatchReport = Awaited<ReturnType<typeof batchReport>>;
