import { RECORD_STATUSES, RECORD_STATUS_LABEL, type RecordFilter } from '@/lib/records/record-filter';

const field = 'mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/**
 * The filters of a records list (a GET form, so a filtered list is a link): catalog, providing department,
 * decision-date range and publication status. A new filter starts again at the first page.
 */
export function RecordFilters({
  catalogs,
  catalog,
  departments,
  filter,
  hidden = {},
  exportHref,
}: {
  catalogs: { id: string; code: string; name: string; count: number }[];
  catalog: string;
  departments: { id: string; name: string }[];
  filter: Partial<RecordFilter>;
  /** Further params kept by the form (e.g. the subject on the subject view). */
  hidden?: Record<string, string>;
  exportHref: string;
}) {
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      data-testid="records-filter"
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="text-sm text-slate-700">
        信息目录
        <select name="catalog" defaultValue={catalog} data-testid="records-catalog" className={field}>
          {catalogs.map((c) => (
            <option key={c.id} value={c.code}>
              {c.name}（{c.count}）
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        提供部门
        <select name="dept" defaultValue={filter.dept ?? ''} data-testid="records-dept" className={field}>
          <option value="">全部</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        决定日期从
        <input type="date" name="from" defaultValue={filter.from ?? ''} data-testid="records-from" className={field} />
      </label>
      <label className="text-sm text-slate-700">
        至
        <input type="date" name="to" defaultValue={filter.to ?? ''} data-testid="records-to" className={field} />
      </label>
      <label className="text-sm text-slate-700">
        公示状态
        <select name="status" defaultValue={filter.status ?? ''} data-testid="records-status" className={field}>
          <option value="">全部</option>
          {RECORD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {RECORD_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-md bg-blue-800 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-900"
        data-testid="records-submit"
      >
        查询
      </button>
      <a
        href={exportHref}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
        data-testid="records-export"
      >
        导出 CSV
      </a>
      <a
        href={`${exportHref}&format=xlsx`}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
        data-testid="records-export-xlsx"
      >
        导出 Excel
      </a>
    </form>
  );
}
