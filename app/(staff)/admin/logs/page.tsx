import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { QueryRefused } from '@/app/_components/QueryRefused';
import { formatDateTime } from '@/app/_lib/format';
import { first, type SearchParams } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { departmentChoices } from '@/lib/admin/departments';
import { auditQuerySchema, MODULE_LABELS, RESULT_LABELS, searchAuditLog, type AuditQuery } from '@/lib/audit/query';
import { AppError, ForbiddenError } from '@/lib/errors';
import { LogFilterForm } from './_components/LogFilterForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '日志审计' };

const KEYS = [
  'from',
  'to',
  'username',
  'deptId',
  'module',
  'action',
  'result',
  'objectType',
  'objectId',
  'ip',
  'before',
];

/** 日志审计: search the audit log newest first and export it; the audit administrator only. */
export default async function LogsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user } = await staffPage();
  const sp = await searchParams;
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(KEYS.map((k) => [k, first(sp[k])])));
  const query: AuditQuery = parsed.success ? parsed.data : {};
  let result;
  try {
    result = await searchAuditLog(user, query, await clientIp());
  } catch (err) {
    if (err instanceof ForbiddenError) return <Forbidden />;
    if (!(err instanceof AppError)) throw err;
    return <QueryRefused message={err.message} href="/admin/logs" again="重新查询" />;
  }
  const departments = await departmentChoices();
  const { before: _before, ...filter } = query;
  const keep = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const exportHref = `/api/admin/logs/export?${new URLSearchParams(keep)}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold text-slate-900">日志审计</h1>
        <Link href="/admin/logs/usage" className="text-sm text-blue-700 hover:underline" data-testid="logs-usage-link">
          使用情况统计 →
        </Link>
      </div>
      <LogFilterForm
        query={filter}
        departments={departments}
        exportHref={user.permissions.has('audit:export') ? exportHref : null}
      />
      <TableCard>
        <DataTable
          testId="logs-table"
          caption="操作日志"
          columns={['时间', '用户', '部门', 'IP', '模块', '操作', '对象', '结果', '详情']}
          compact
          nowrap
        >
          {result.rows.map((r) => (
            <tr key={r.id} data-testid="log-row" data-id={r.id} className="align-top">
              <td className="px-3 py-1.5 whitespace-nowrap tabular-nums text-slate-600">{formatDateTime(r.at)}</td>
              <td className="px-3 py-1.5 whitespace-nowrap">{r.username ?? '—'}</td>
              <td className="px-3 py-1.5 whitespace-nowrap text-slate-600">{r.deptName ?? '—'}</td>
              <td className="px-3 py-1.5 whitespace-nowrap text-slate-600">{r.ip ?? '—'}</td>
              <td className="px-3 py-1.5 whitespace-nowrap">{MODULE_LABELS[r.module] ?? r.module}</td>
              <td className="px-3 py-1.5 whitespace-nowrap font-mono text-xs">{r.action}</td>
              <td className="max-w-56 truncate px-3 py-1.5 text-xs text-slate-600" title={r.objectId ?? undefined}>
                {r.objectType ? `${r.objectType} ${r.objectId ?? ''}` : '—'}
              </td>
              <td className="px-3 py-1.5">
                <Badge tone={r.result === 'OK' ? 'green' : r.result === 'DENIED' ? 'red' : 'amber'}>
                  {RESULT_LABELS[r.result] ?? r.result}
                </Badge>
              </td>
              <td
                className="max-w-80 truncate px-3 py-1.5 font-mono text-xs text-slate-500"
                title={r.detail ?? undefined}
              >
                {r.detail ?? ''}
              </td>
            </tr>
          ))}
        </DataTable>
        {result.rows.length === 0 && <p className="p-6 text-center text-sm text-slate-500">没有符合条件的日志。</p>}
      </TableCard>
      <nav className="flex gap-3 text-sm" aria-label="分页">
        {query.before && (
          <Link href={`/admin/logs?${new URLSearchParams(keep)}`} className="text-blue-700 hover:underline">
            ← 最新
          </Link>
        )}
        {result.nextBefore && (
          <Link
            href={`/admin/logs?${new URLSearchParams({ ...keep, before: result.nextBefore })}`}
            className="text-blue-700 hover:underline"
            data-testid="logs-next"
          >
            更早的日志 →
          </Link>
        )}
      </nav>
    </div>
  );
}
