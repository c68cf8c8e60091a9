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
import type { UsageRow } from '@/lib/audit/usage';

const TOTAL = '#2563eb';
const FAILED = '#dc2626';

/** Charts of the platform's use: by day, module, department and the busiest people. */
export function UsageCharts({
  byDay,
  byModule,
  byDepartment,
  byPerson,
}: {
  byDay: UsageRow[];
  byModule: UsageRow[];
  byDepartment: UsageRow[];
  byPerson: UsageRow[];
}) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <Card title="每日操作量" testId="usage-chart-day">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={byDay} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="total" name="操作次数" stroke={TOTAL} dot={false} />
            <Line type="monotone" dataKey="failed" name="失败或拒绝" stroke={FAILED} dot={false} />
          </LineChart>
        </ResponsiveContainer>
      </Card>
      <Card title="按模块" testId="usage-chart-module">
        <Bars rows={byModule} />
      </Card>
      <Card title="按部门" testId="usage-chart-department">
        <Bars rows={byDepartment} />
      </Card>
      <Card title="操作最多的用户" testId="usage-chart-person">
        <Bars rows={byPerson} />
      </Card>
    </div>
  );
}

function Bars({ rows }: { rows: UsageRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, 48 + rows.length * 26)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Legend />
        <Bar dataKey="total" name="操作次数" fill={TOTAL} barSize={8} />
        <Bar dataKey="failed" name="失败或拒绝" fill={FAILED} barSize={8} />
      </BarChart>
    </ResponsiveContainer>
  );
}

function Card({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <figure data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-medium text-slate-900">{title}</figcaption>
      {children}
    </figure>
  );
}
