import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { formatBytes, formatCount, formatDateTime } from '@/app/_lib/format';
import { clientIp, staffPage } from '@/app/_lib/session';
import { listBackups } from '@/lib/backup/service';
import { ForbiddenError } from '@/lib/errors';
import { ActionButton } from '../_components/ActionButton';
import { AutoRefresh } from './_components/AutoRefresh';
import { BACKUP_STATUS, DRILL_STATUS, OFFSITE_STATUS, TRIGGER } from './_components/labels';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据备份' };

interface DrillReportView {
  rowsRestored?: number;
  rowsExpected?: number;
}

/** 数据备份: the backups, local and off site, 立即备份, and restore drills with their results. */
export default async function BackupsPage() {
  const { user } = await staffPage();
  let data;
  try {
    data = await listBackups(user, await clientIp());
  } catch (err) {
    if (err instanceof ForbiddenError) return <Forbidden />;
    throw err;
  }
  const { backups, settings } = data;
  const active = backups.some((b) => b.status === 'RUNNING' || b.drills.some((d) => d.status === 'RUNNING'));

  return (
    <div className="space-y-4">
      <AutoRefresh active={active} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900">数据备份</h1>
        <ActionButton method="POST" url="/api/admin/backups" label="立即备份" testId="backup-now" />
      </div>
      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        <Setting label="备份计划" value={settings.schedule} />
        <Setting label="本地保留" value={`最近 ${settings.keep} 份 · ${settings.dir}`} />
        <Setting
          label="异地副本"
          value={
            settings.offsiteDir
              ? `${settings.offsiteDir}（保留 ${settings.offsiteKeep} 份）`
              : '未配置（BACKUP_OFFSITE_DIR）'
          }
        />
        <Setting label="内容" value="数据库一致性快照（全部业务表）与上传文件库，SHA-256 校验" />
      </dl>
      <TableCard>
        <DataTable
          testId="backup-table"
          caption="备份列表"
          columns={['备份', '方式', '开始', '完成', '状态', '大小', '本地副本', '异地副本', '最近恢复演练', '']}
          compact
          nowrap
        >
          {backups.map((b) => {
            const [statusLabel, statusTone] = BACKUP_STATUS[b.status] ?? [b.status, 'slate'];
            const [offLabel, offTone] = OFFSITE_STATUS[b.offsiteStatus] ?? [b.offsiteStatus, 'slate'];
            const drill = b.drills[0];
            const report = (drill?.report ?? null) as DrillReportView | null;
            return (
              <tr key={b.id} data-testid="backup-row" data-backup-id={b.id} className="align-top">
                <td className="px-3 py-2 font-mono text-xs">
                  <Link href={`/admin/backups/${encodeURIComponent(b.id)}`} className="text-blue-700 hover:underline">
                    {b.id}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{TRIGGER[b.trigger] ?? b.trigger}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDateTime(b.startedAt)}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDateTime(b.finishedAt)}</td>
                <td className="px-3 py-2" title={b.error ?? undefined}>
                  <Badge tone={statusTone} testId="backup-status">
                    {statusLabel}
                  </Badge>
                </td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatBytes(b.sizeBytes)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{b.prunedAt ? '已按保留策略清理' : b.path ? '在' : '—'}</td>
                <td className="px-3 py-2" title={b.offsiteError ?? undefined}>
                  <Badge tone={offTone}>{b.offsitePrunedAt ? '已清理' : offLabel}</Badge>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {drill ? (
                    <span className="inline-flex items-center gap-2">
                      <Badge tone={(DRILL_STATUS[drill.status] ?? ['', 'slate'])[1]} testId="drill-status">
                        {(DRILL_STATUS[drill.status] ?? [drill.status])[0]}
                      </Badge>
                      {report?.rowsRestored !== undefined && (
                        <span className="text-xs text-slate-500 tabular-nums">
                          {formatCount(report.rowsRestored)}/{formatCount(report.rowsExpected ?? 0)} 行
                        </span>
                      )}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="px-3 py-2">
                  {b.status === 'SUCCEEDED' && (
                    <ActionButton
                      method="POST"
                      url={`/api/admin/backups/${encodeURIComponent(b.id)}/drill`}
                      label="恢复演练"
                      confirm="将把此备份恢复到一个临时数据库中核对后删除，不影响现有数据。继续？"
                      testId="drill-start"
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
        {backups.length === 0 && <p className="p-6 text-center text-sm text-slate-500">尚无备份。</p>}
      </TableCard>
    </div>
  );
}

function Setting({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-slate-800">{value}</dd>
    </div>
  );
}
