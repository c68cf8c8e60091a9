import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { DataTable, Th } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { formatBytes, formatCount, formatDateTime } from '@/app/_lib/format';
import { decodeParam } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { readChecksums, readDrillReport, readManifest } from '@/lib/backup/json-columns';
import { getBackup } from '@/lib/backup/service';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { AutoRefresh } from '../_components/AutoRefresh';
import { BACKUP_STATUS, DRILL_STATUS, OFFSITE_STATUS } from '../_components/labels';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '备份详情' };

/** One backup: its manifest (tables and row counts, files), checksums, and every restore drill's report. */
export default async function BackupPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await staffPage();
  const id = decodeParam((await params).id);
  let b;
  try {
    b = await getBackup(user, id, await clientIp());
  } catch (err) {
    if (err instanceof ForbiddenError) return <Forbidden />;
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const manifest = readManifest(b.manifest);
  const checksums = readChecksums(b.checksums);
  const [statusLabel, statusTone] = BACKUP_STATUS[b.status] ?? [b.status, 'slate'];
  const [offLabel, offTone] = OFFSITE_STATUS[b.offsiteStatus] ?? [b.offsiteStatus, 'slate'];

  return (
    <div className="space-y-4">
      <AutoRefresh active={b.status === 'RUNNING' || b.drills.some((d) => d.status === 'RUNNING')} />
      <Link href="/admin/backups" className="text-sm text-blue-700 hover:underline">
        ← 数据备份
      </Link>
      <h1 className="font-mono text-lg font-semibold text-slate-900">{b.id}</h1>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3">
        <Item label="状态" value={<Badge tone={statusTone}>{statusLabel}</Badge>} />
        <Item label="时间" value={`${formatDateTime(b.startedAt)} – ${formatDateTime(b.finishedAt)}`} />
        <Item label="大小" value={formatBytes(b.sizeBytes)} />
        <Item label="本地副本" value={b.prunedAt ? `已清理（${formatDateTime(b.prunedAt)}）` : (b.path ?? '—')} />
        <Item label="异地副本" value={<Badge tone={offTone}>{offLabel}</Badge>} />
        <Item label="异地位置" value={b.offsitePath ?? b.offsiteError ?? '—'} />
        {manifest && <Item label="快照时间" value={formatDateTime(manifest.snapshotAt)} />}
        {manifest && (
          <Item
            label="数据库版本"
            value={`PostgreSQL ${manifest.serverVersion}，迁移 ${manifest.migrations.length} 个`}
          />
        )}
        {manifest && (
          <Item
            label="文件库"
            value={`${formatCount(manifest.files.count)} 个文件，${formatBytes(manifest.files.bytes)}`}
          />
        )}
        {b.error && <Item label="错误" value={b.error} />}
      </dl>

      <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-medium text-slate-900">恢复演练</h2>
        {b.drills.length === 0 && <p className="p-4 text-sm text-slate-500">尚未进行恢复演练。</p>}
        {b.drills.map((d) => {
          const report = readDrillReport(d.report);
          const [label, tone] = DRILL_STATUS[d.status] ?? [d.status, 'slate'];
          return (
            <article key={d.id} className="border-b border-slate-100 p-4 text-sm last:border-0" data-testid="drill">
              <p className="flex flex-wrap items-center gap-3">
                <Badge tone={tone}>{label}</Badge>
                <span className="tabular-nums">{formatDateTime(d.startedAt)}</span>
                <span className="text-slate-500">{d.requestedByName ?? '系统'}</span>
                {d.source && <span className="text-slate-500">从{d.source === 'LOCAL' ? '本地' : '异地'}副本恢复</span>}
                {d.scratchDatabase && <span className="font-mono text-xs text-slate-500">{d.scratchDatabase}</span>}
              </p>
              {d.error && <p className="mt-2 text-red-700">{d.error}</p>}
              {report && (
                <p className="mt-2 text-slate-700">
                  恢复 {formatCount(report.rowsRestored)} / {formatCount(report.rowsExpected)} 行，
                  {report.tables.length} 张表，
                  {report.sequences} 个序列；文件{' '}
                  {report.files
                    ? `${report.files.expected - report.files.missing.length}/${report.files.expected}`
                    : '—'}
                  ； 审计日志链{' '}
                  {report.auditChain
                    ? report.auditChain.ok
                      ? `完整（${formatCount(report.auditChain.rows)} 条）`
                      : '断裂'
                    : '—'}
                  ； 用时 {(report.durationMs / 1000).toFixed(1)} 秒
                </p>
              )}
            </article>
          );
        })}
      </section>

      {manifest && (
        <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-medium text-slate-900">备份内容与校验值</h2>
          <div className="overflow-x-auto">
            <DataTable
              testId="manifest-table"
              head={
                <>
                  <Th compact>表</Th>
                  <Th compact right>
                    行数
                  </Th>
                  <Th compact>SHA-256</Th>
                </>
              }
            >
              {manifest.tables.map((t) => (
                <tr key={t.name}>
                  <td className="px-3 py-1.5 font-mono text-xs">{t.name}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(t.rows)}</td>
                  <td className="px-3 py-1.5 font-mono text-xs text-slate-500">{checksums[t.file] ?? '—'}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </section>
      )}
    </div>
  );
}

function Item({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-slate-800">{value}</dd>
    </div>
  );
}
