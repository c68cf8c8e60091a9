'use client';

import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
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
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={byPeriod} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {(['rows', 'valid', 'suspect', 'records', 'queries'] as const).map((m) => (
              <Line key={m} type="monotone" dataKey={m} name={METRIC_LABELS[m]} stroke={COLOR[m]} dot={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
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
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Legend />
        {metrics.map((m) => (
          <Bar key={m} dataKey={m} name={METRIC_LABELS[m]} fill={COLOR[m]} barSize={7} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-slate-900">{title}</figcaption>
      {children}
    </figure>
  );
}
