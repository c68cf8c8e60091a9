'use client';

import { BarsChart, ChartCard, TrendChart } from '@/app/_components/charts';
import type { UsageRow } from '@/lib/audit/usage';

const SERIES = [
  { key: 'total', name: '操作次数', color: '#2563eb' },
  { key: 'failed', name: '失败或拒绝', color: '#dc2626' },
];

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
      <ChartCard title="每日操作量" testId="usage-chart-day">
        <TrendChart data={byDay} series={SERIES} height={260} />
      </ChartCard>
      <ChartCard title="按模块" testId="usage-chart-module">
        <Bars rows={byModule} />
      </ChartCard>
      <ChartCard title="按部门" testId="usage-chart-department">
        <Bars rows={byDepartment} />
      </ChartCard>
      <ChartCard title="操作最多的用户" testId="usage-chart-person">
        <Bars rows={byPerson} />
      </ChartCard>
    </div>
  );
}

function Bars({ rows }: { rows: UsageRow[] }) {
  return <BarsChart data={rows} series={SERIES} height={Math.max(160, 48 + rows.length * 26)} barSize={8} />;
}
