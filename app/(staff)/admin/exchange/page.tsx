import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, type Tone } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatBytes, formatDateTime } from '@/app/_lib/format';
import { exchangeOverview } from '@/lib/exchange/exchange-log';
import { exchangeFlowsOverview } from '@/lib/exchange/flows-overview';
import { scheduleInfo } from '@/lib/exchange/schedule';
import { ActionButton } from '../_components/ActionButton';
import { AdminForm } from '../_components/AdminForm';
import { adminPage } from '../_lib/admin-page';
import { ExchangeFlows } from './ExchangeFlows';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据交换' };

const OUTCOME: Record<string, { label: string; tone: Tone }> = {
  BATCH: { label: '已读取', tone: 'green' },
  DUPLICATE: { label: '重复文件', tone: 'slate' },
  REJECTED: { label: '已拒收', tone: 'red' },
};

/** 数据交换 (R-1.3.1, R-4.4): exchange nodes, sources and flows with their runs; the departments' drop folders, their timetable, 立即读取 and what was received. */
export default async function ExchangePage() {
  const { ctx, allowed } = await adminPage('admin:settings');
  if (!allowed) return <Forbidden />;
  const [overview, schedule, flows] = await Promise.all([
    exchangeOverview(ctx),
    scheduleInfo(ctx),
    exchangeFlowsOverview(ctx),
  ]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">数据交换</h1>
        <p className="mt-1 text-sm text-slate-600">
          各部门将文件（Excel、CSV、TXT、XML）放入交换目录
          <code className="mx-1 rounded bg-slate-100 px-1 text-xs">{overview.root}/部门编码/inbox/目录编码/</code>
          ，平台定时读取：读取后的文件移入 <code className="rounded bg-slate-100 px-1 text-xs">archive/日期/</code>
          ，无法读取的移入 <code className="rounded bg-slate-100 px-1 text-xs">rejected/</code>{' '}
          并附原因说明。内容相同的文件（即使改名）不会重复读取。
        </p>
      </div>

      <ExchangeFlows data={flows} />

      <h2 className="pt-2 text-lg font-semibold text-slate-900">交换目录</h2>
      <section className="flex flex-wrap items-start justify-between gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-3" data-testid="exchange-schedule">
          <dt className="text-slate-500">定时任务</dt>
          <dd className="sm:col-span-2">
            {!schedule.exists
              ? '尚未注册（工作进程启动时创建）'
              : schedule.paused
                ? '已暂停'
                : schedule.running
                  ? '正在读取'
                  : '运行中'}
          </dd>
          <dt className="text-slate-500">上次读取</dt>
          <dd className="sm:col-span-2">{formatDateTime(schedule.last)}</dd>
          <dt className="text-slate-500">下次读取</dt>
          <dd className="sm:col-span-2">{formatDateTime(schedule.next)}</dd>
          <dt className="text-slate-500">待读取文件</dt>
          <dd className="sm:col-span-2" data-testid="exchange-waiting">
            {overview.waiting.length} 个
          </dd>
        </dl>
        <ActionButton method="POST" url="/api/admin/exchange/scan" label="立即读取" testId="exchange-scan-now" />
      </section>

      <Panel title="读取设置" titleClassName="mb-3 font-medium text-slate-900" padding="p-5">
        <div className="space-y-3">
          {overview.settings.map((s) => (
            <AdminForm
              key={s.key}
              method="PUT"
              url="/api/admin/exchange/settings"
              submitLabel="保存"
              testId={`exchange-setting-${s.key.split('.').at(-1)}`}
              inline
              fields={[
                { kind: 'hidden', name: 'key', value: s.key },
                {
                  kind: 'number',
                  name: 'value',
                  label: s.label,
                  defaultValue: s.value,
                  required: true,
                  hint: s.description,
                },
              ]}
            />
          ))}
        </div>
      </Panel>

      <TableCard as="section">
        <h2 className="px-5 pt-4 font-medium text-slate-900">最近收到的文件</h2>
        <DataTable
          testId="exchange-files"
          columns={['时间', '部门', '目录', '文件', '大小', '结果', '批次 / 原因']}
          className="mt-2"
        >
          {overview.recent.map((f) => (
            <tr key={f.id} data-testid="exchange-file" data-outcome={f.outcome}>
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(f.at)}</td>
              <td className="px-4 py-2 font-mono text-xs">{f.deptCode}</td>
              <td className="px-4 py-2 font-mono text-xs">{f.catalogCode || '—'}</td>
              <td className="max-w-64 truncate px-4 py-2" title={f.name}>
                {f.name}
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{formatBytes(f.size)}</td>
              <td className="px-4 py-2">
                <Badge tone={OUTCOME[f.outcome]?.tone ?? 'slate'}>{OUTCOME[f.outcome]?.label ?? f.outcome}</Badge>
              </td>
              <td className="px-4 py-2 text-slate-600">
                {f.batchId && f.batchNumber && (
                  <Link href={`/batches/${f.batchId}`} className="mr-2 text-blue-700 hover:underline">
                    {f.batchNumber}
                  </Link>
                )}
                {f.outcome !== 'BATCH' && f.reason}
              </td>
            </tr>
          ))}
          {overview.recent.length === 0 && (
            <tr>
              <td colSpan={7} className="px-4 py-6 text-center text-slate-500">
                尚未收到文件。
              </td>
            </tr>
          )}
        </DataTable>
      </TableCard>
    </div>
  );
}
