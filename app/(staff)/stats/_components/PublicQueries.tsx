import { DataTable, Th } from '@/app/_components/DataTable';
import { formatCount } from '@/app/_lib/format';
import type { PublicQueryStats } from '@/lib/public/query-stats';

/** Queries made on the public site 信用武陟 in the period, by kind of query and by day. */
export function PublicQueries({ stats }: { stats: PublicQueryStats }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="stats-public">
      <h2 className="border-b border-slate-100 px-4 py-2 text-sm font-medium text-slate-900">
        公众查询（信用武陟网站）：共 <span data-testid="stats-public-total">{formatCount(stats.total)}</span> 次
      </h2>
      {stats.total === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">期间内没有公众查询。</p>
      ) : (
        <div className="grid gap-4 p-2 md:grid-cols-2">
          <div className="overflow-x-auto">
            <DataTable
              testId="stats-public-kind"
              columns={['查询类型']}
              compact
              head={
                <Th compact right>
                  次数
                </Th>
              }
            >
              {stats.byKind.map((r) => (
                <tr key={r.kind} data-testid="stats-public-kind-row" data-key={r.kind}>
                  <td className="px-3 py-1.5 text-slate-700">{r.label}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(r.count)}</td>
                </tr>
              ))}
            </DataTable>
          </div>
          <div className="overflow-x-auto">
            <DataTable
              testId="stats-public-day"
              columns={['日期']}
              compact
              head={
                <Th compact right>
                  次数
                </Th>
              }
            >
              {stats.byDay.map((r) => (
                <tr key={r.day} data-testid="stats-public-day-row" data-key={r.day}>
                  <td className="px-3 py-1.5 text-slate-700">{r.day}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatCount(r.count)}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </div>
      )}
    </section>
  );
}
