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
        <table className="min-w-full text-sm" data-testid={testId}>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {dimension}
              </th>
              {METRICS.map((m) => (
                <th
                  key={m}
                  scope="col"
                  title={METRIC_HINTS[m]}
                  className="px-3 py-2 text-right font-medium whitespace-nowrap"
                >
                  {METRIC_LABELS[m]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
