import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/app/_components/Forbidden';
import { QueryRefused } from '@/app/_components/QueryRefused';
import { formatCount } from '@/app/_lib/format';
import { first, type SearchParams } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { usageStats, type UsageRow } from '@/lib/audit/usage';
import { AppError, ForbiddenError } from '@/lib/errors';
import { statsQuerySchema } from '@/lib/stats/filter';
import { UsageCharts } from '../_components/UsageCharts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '使用情况统计' };

/** 使用情况统计: operations per person, module, department and day, from the audit log. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user } = await staffPage();
  const sp = await searchParams;
  const parsed = statsQuerySchema.pick({ from: true, to: true }).safeParse({ from: first(sp.from), to: first(sp.to) });
  let usage;
  try {
    usage = await usageStats(user, parsed.success ? parsed.data : {}, await clientIp());
  } catch (err) {
    if (err instanceof ForbiddenError) return <Forbidden />;
    if (!(err instanceof AppError)) throw err;
    return <QueryRefused message={err.message} href="/admin/logs/usage" again="重新统计" />;
  }
  const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold text-slate-900">使用情况统计</h1>
        <Link href="/admin/logs" className="text-sm text-blue-700 hover:underline">
          ← 日志查询
        </Link>
      </div>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      >
        <input type="date" name="from" aria-label="开始日期" defaultValue={usage.from} className={input} />
        <input type="date" name="to" aria-label="结束日期" defaultValue={usage.to} className={input} />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          统计
        </button>
        <span className="ml-auto text-sm text-slate-600" data-testid="usage-total">
          共 {formatCount(usage.total)} 次操作，失败或拒绝 {formatCount(usage.failed)} 次
        </span>
      </form>
      <UsageCharts
        byDay={usage.byDay}
        byModule={usage.byModule}
        byDepartment={usage.byDepartment}
        byPerson={usage.byPerson}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <UsageTable title="按用户" rows={usage.byPerson} testId="usage-person" />
        <UsageTable title="按模块" rows={usage.byModule} testId="usage-module" />
        <UsageTable title="按部门" rows={usage.byDepartment} testId="usage-department" />
      </div>
    </div>
  );
}

function UsageTable({ title, rows, testId }: { title: string; rows: UsageRow[]; testId: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-medium text-slate-900">{title}</h2>
      <table className="min-w-full text-sm" data-testid={testId}>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <td className="px-3 py-1.5">{r.label}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(r.total)}</td>
              <td className="px-3 py-1.5 text-right text-red-700 tabular-nums">
                {r.failed ? formatCount(r.failed) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
