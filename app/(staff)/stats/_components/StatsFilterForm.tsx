import type { Stats } from '@/lib/stats/dashboard';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** The period, department, catalog and bucket size of the dashboard: a plain GET form, so a view is a link. */
export function StatsFilterForm({ stats, exportHref }: { stats: Stats; exportHref: string }) {
  const f = stats.filter;
  return (
    <form
      role="search"
      data-testid="stats-filter"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <label className="text-sm text-slate-700">
        开始日期
        <input type="date" name="from" defaultValue={f.from} className={`ml-2 ${input}`} />
      </label>
      <label className="text-sm text-slate-700">
        结束日期
        <input type="date" name="to" defaultValue={f.to} className={`ml-2 ${input}`} />
      </label>
      <label className="text-sm text-slate-700">
        部门
        <select name="deptId" defaultValue={f.deptId ?? ''} className={`ml-2 ${input}`} data-testid="stats-dept">
          <option value="">全部</option>
          {stats.options.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        信息目录
        <select name="catalogId" defaultValue={f.catalogId ?? ''} className={`ml-2 ${input}`}>
          <option value="">全部</option>
          {stats.options.catalogs.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        粒度
        <select name="granularity" defaultValue={f.granularity} className={`ml-2 ${input}`}>
          <option value="month">按月</option>
          <option value="week">按周</option>
          <option value="day">按日</option>
        </select>
      </label>
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
        统计
      </button>
      <a
        href={exportHref}
        data-testid="stats-export"
        className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
      >
        导出 Excel
      </a>
    </form>
  );
}
