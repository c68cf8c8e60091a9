// A subject's full record as its owner (or representative) sees it: every catalog, every record, values in clear,
// and whether each record is on the public site (and if not, why).
import type { SubjectRecords } from '@/lib/public-accounts/self-query';

export function RecordsList({ data, emptyText }: { data: SubjectRecords; emptyText: string }) {
  if (data.total === 0) {
    return <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-700">{emptyText}</p>;
  }
  return (
    <div className="space-y-6" data-testid="own-records">
      <p className="text-sm text-slate-700">
        共 {data.total} 条记录{data.truncated ? '（仅显示最近500条，如需全部请到信用中心窗口查询）' : ''}。
        标有“未公示”的记录不在公开网站上显示，仅您本人可见。
      </p>
      {data.catalogs.map((c) => (
        <section key={c.catalogCode} aria-labelledby={`cat-${c.catalogCode}`}>
          <h3 id={`cat-${c.catalogCode}`} className="text-base font-semibold text-slate-900">
            {c.catalogName}（{c.records.length}）
          </h3>
          <ul className="mt-2 space-y-3">
            {c.records.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 p-4" data-testid="own-record">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {r.notPublicBecause.length === 0 ? (
                    <span className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-800 ring-1 ring-emerald-200">
                      公示中
                    </span>
                  ) : (
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-700 ring-1 ring-slate-300">
                      未公示：{r.notPublicBecause.join('、')}
                    </span>
                  )}
                  <span className="text-slate-600">
                    {r.providerDeptName}
                    {r.decisionDate ? ` · ${r.decisionDate}` : ''}
                  </span>
                </div>
                <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
                  {r.values.map((v) => (
                    <div key={v.label} className="contents">
                      <dt className="text-slate-600">{v.label}</dt>
                      <dd className="break-words text-slate-900">{v.value}</dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
