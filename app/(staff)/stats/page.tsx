import type { Metadata } from 'next';
import { Forbidden } from '@/app/_components/Forbidden';
import { QueryRefused } from '@/app/_components/QueryRefused';
import { formatCount } from '@/app/_lib/format';
import { first, type SearchParams } from '@/app/_lib/params';
import { staffPage } from '@/app/_lib/session';
import { AppError } from '@/lib/errors';
import { publicQueryStats } from '@/lib/public/query-stats';
import { getStats } from '@/lib/stats/dashboard';
import { statsQuerySchema } from '@/lib/stats/filter';
import { METRIC_HINTS, METRIC_LABELS, METRICS } from '@/lib/stats/metrics';
import { PublicQueries } from './_components/PublicQueries';
import { StatsCharts } from './_components/StatsCharts';
import { StatsFilterForm } from './_components/StatsFilterForm';
import { StatsTable } from './_components/StatsTable';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '统计分析' };

/** 统计分析: collection, quality, deadlines and use, within the viewer's data scope; exportable. */
export default async function StatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('stats:view');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const raw = Object.fromEntries(['from', 'to', 'deptId', 'catalogId', 'granularity'].map((k) => [k, first(sp[k])]));
  const parsed = statsQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  let stats;
  try {
    stats = await getStats(user, query);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return <QueryRefused message={err.message} href="/stats" again="重新统计" testId="stats-error" />;
  }
  // The public site's queries belong to no department or catalog: shown for the whole county's period only.
  const publicQueries =
    stats.filter.deptId || stats.filter.catalogId ? null : await publicQueryStats(stats.filter.from, stats.filter.to);
  const params = new URLSearchParams({
    from: stats.filter.from,
    to: stats.filter.to,
    granularity: stats.filter.granularity,
    ...(stats.filter.deptId ? { deptId: stats.filter.deptId } : {}),
    ...(stats.filter.catalogId ? { catalogId: stats.filter.catalogId } : {}),
  });

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">统计分析</h1>
        <p className="mt-1 text-sm text-slate-600">
          {user.visibleDeptIds === null ? '全县各部门' : '本部门及下级单位'}，{stats.filter.from} 至 {stats.filter.to}
        </p>
      </div>
      <StatsFilterForm stats={stats} exportHref={`/api/stats/export?${params}`} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 2xl:grid-cols-9" data-testid="stats-totals">
        {METRICS.map((m) => (
          <div key={m} title={METRIC_HINTS[m]} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-xs text-slate-500">{METRIC_LABELS[m]}</dt>
            <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums" data-metric={m}>
              {formatCount(stats.totals[m])}
            </dd>
          </div>
        ))}
      </dl>
      <StatsCharts byDepartment={stats.byDepartment} byCatalog={stats.byCatalog} byPeriod={stats.byPeriod} />
      <StatsTable title="按部门" dimension="部门" rows={stats.byDepartment} testId="stats-dept" />
      <StatsTable title="按信息目录" dimension="信息目录" rows={stats.byCatalog} testId="stats-catalog" />
      <StatsTable title="按时间" dimension="期间" rows={stats.byPeriod} testId="stats-period" />
      {publicQueries && <PublicQueries stats={publicQueries} />}
    </div>
  );
}
