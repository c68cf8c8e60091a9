'use client';

import { BarsChart, ChartCard, TrendChart } from '@/app/_components/charts';
import { METRIC_LABELS, type Metric, type StatsRow } from '@/lib/stats/metrics';

// One colour per figure on every chart, so 置疑 is always amber and 超期 always red.
const COLOR: Record<Metric, string> = {
  batches: '#0f766e',
  rows: '#1e3a8a',
  valid: '#2563eb',
  duplicate: '#94a3b8',
  suspect: '#d97706',
  fixed: '#059669',
  overdue: '#dc2626',
  records: '#7c3aed',
  late: '#be185d',
  queries: '#0891b2',
};

const series = (metrics: Metric[]) => metrics.map((m) => ({ key: m, name: METRIC_LABELS[m], color: COLOR[m] }));

/** The dashboard's charts. Figures come from the server; the tables below them carry the same data. */
export function StatsCharts({
  byDepartment,
  byCatalog,
  byPeriod,
}: {
  byDepartment: StatsRow[];
  byCatalog: StatsRow[];
  byPeriod: StatsRow[];
}) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartCard title="数据归集趋势" testId="stats-chart-period">
        <TrendChart data={byPeriod} series={series(['rows', 'valid', 'suspect', 'records', 'queries'])} height={280} />
      </ChartCard>
      <ChartCard title="各部门数据质量" testId="stats-chart-department">
        <HorizontalBars rows={byDepartment} metrics={['valid', 'duplicate', 'suspect', 'fixed']} />
      </ChartCard>
      <ChartCard title="各目录数据量" testId="stats-chart-catalog">
        <HorizontalBars rows={byCatalog} metrics={['rows', 'valid', 'suspect', 'records']} />
      </ChartCard>
      <ChartCard title="各部门超期任务与查询次数" testId="stats-chart-overdue">
        <HorizontalBars rows={byDepartment} metrics={['batches', 'overdue', 'queries']} />
      </ChartCard>
    </div>
  );
}

function HorizontalBars({ rows, metrics }: { rows: StatsRow[]; metrics: Metric[] }) {
  const height = Math.max(160, 48 + rows.length * (metrics.length * 8 + 14));
  return <BarsChart data={rows} series={series(metrics)} height={height} barSize={7} />;
}
