import { DataTable, Th } from '@/app/_components/DataTable';
import { formatCount } from '@/app/_lib/format';
import { METRIC_HINTS, METRIC_LABELS, METRICS, type StatsRow } from '@/lib/stats/metrics';

/** One dimension of the statistics as a table: the accessible twin of its chart. */
export function StatsTable({
  title,
  dimension,
  rows,
  testId,
}: {
  title: string;
  dimension: string;
  rows: StatsRow[];
  testId: string;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-medium text-slate-900">{title}</h2>
      <div className="overflow-x-auto">
        <DataTable
          testId={testId}
          columns={[dimension]}
          compact
          nowrap
          head={METRICS.map((m) => (
            <Th key={m} title={METRIC_HINTS[m]} compact right nowrap>
              {METRIC_LABELS[m]}
            </Th>
          ))}
        >
          {rows.map((r) => (
            <tr key={r.key || r.label} data-testid={`${testId}-row`} data-key={r.key}>
              <td className="px-3 py-1.5 whitespace-nowrap text-slate-700">{r.label}</td>
              {METRICS.map((m) => (
                <td key={m} data-metric={m} className="px-3 py-1.5 text-right tabular-nums">
                  {formatCount(r[m])}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
