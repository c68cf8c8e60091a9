import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { DetailItem } from '@/app/_components/DetailItem';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatBytes, formatCount, formatDateTime } from '@/app/_lib/format';
import { SUSPECT_STATUS, taskStatus } from '@/app/_lib/labels';
import { isUuid } from '@/app/_lib/params';
import { staffPage } from '@/app/_lib/session';
import { getBatchDetail } from '@/lib/batches/queries';
import { NotFoundError } from '@/lib/errors';
import { BatchLive, type BatchProgress } from './BatchLive';
import { BatchRecords } from '../../records/[id]/BatchRecords';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '批次详情' };

async function loadBatch(...args: Parameters<typeof getBatchDetail>) {
  try {
    return await getBatchDetail(...args);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, allowed } = await staffPage('batch:view');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const batch = await loadBatch(user, id);

  const initial: BatchProgress = {
    status: batch.status,
    rowsRead: batch.rowsRead,
    rowsStored: batch.rowsStored,
    rowsUpdated: batch.rowsUpdated,
    rowsDuplicate: batch.rowsDuplicate,
    rowsSuspect: batch.rowsSuspect,
    rowsFixed: batch.rowsFixed,
    error: batch.error,
    startedAt: batch.startedAt?.toISOString() ?? null,
    expectedRows: batch.expectedRows,
    events: batch.events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      message: e.message,
      actorName: e.actorName,
    })),
  };
  const suspectSummary = Object.entries(batch.suspects).filter(([, n]) => n > 0);

  return (
    <div className="space-y-5">
      <div>
        <Link href="/batches" className="text-sm text-blue-700 hover:underline">
          ← 返回批次列表
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-slate-900">
          批次{' '}
          <span data-testid="batch-number" className="tabular-nums">
            {batch.number}
          </span>
        </h1>
      </div>

      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2">
        <DetailItem label="目录">
          {batch.catalogVersion.catalog.name}（第 {batch.catalogVersion.version} 版）
        </DetailItem>
        <DetailItem label="提供部门">{batch.providerDept.name}</DetailItem>
        <DetailItem label="文件">
          {batch.file ? (
            <>
              {batch.file.originalName}
              <span className="ml-2 text-slate-500">{formatBytes(batch.file.size)}</span>
              <span className="ml-2 font-mono text-xs text-slate-500" title={`SHA-256 ${batch.file.sha256}`}>
                SHA-256 {batch.file.sha256.slice(0, 12)}…
              </span>
            </>
          ) : (
            '—'
          )}
        </DetailItem>
        <DetailItem label="上传时间">{formatDateTime(batch.createdAt)}</DetailItem>
      </dl>

      <BatchLive batchId={batch.id} initial={initial} />

      <BatchRecords batchId={batch.id} canFeedback={user.permissions.has('data:review')} />

      {(batch.tasks.length > 0 || suspectSummary.length > 0) && (
        <Panel title="置疑数据反馈修复" titleId="tasks-title" padding="p-5">
          {suspectSummary.length > 0 && (
            <p className="mt-2 text-sm text-slate-600" data-testid="suspect-summary">
              {suspectSummary.map(([s, n]) => `${SUSPECT_STATUS[s] ?? s} ${formatCount(n)} 条`).join('，')}
            </p>
          )}
          <ul className="mt-3 space-y-2">
            {batch.tasks.map((t) => {
              const status = taskStatus(t.status);
              return (
                <li key={t.id} className="flex flex-wrap items-center gap-2 text-sm">
                  {t.canOpen ? (
                    <Link
                      href={`/tasks/${encodeURIComponent(t.id)}`}
                      className="text-blue-700 hover:underline"
                      data-testid="batch-task-link"
                    >
                      {t.title}
                    </Link>
                  ) : (
                    <span className="text-slate-700" data-testid="batch-task-other">
                      {t.title}
                    </span>
                  )}
                  <Badge tone={status.tone}>{status.label}</Badge>
                  <span className="text-xs text-slate-500">期限 {formatDateTime(t.dueAt)}</span>
                </li>
              );
            })}
          </ul>
        </Panel>
      )}
    </div>
  );
}
