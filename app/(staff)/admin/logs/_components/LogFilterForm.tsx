import { MODULE_LABELS, RESULT_LABELS, type AuditQuery } from '@/lib/audit/query';

const input = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** The audit-log search: a GET form, so a search is a link an auditor can keep. */
export function LogFilterForm({
  query,
  departments,
  exportHref,
}: {
  query: AuditQuery;
  departments: { id: string; name: string }[];
  exportHref: string | null;
}) {
  return (
    <form
      role="search"
      data-testid="logs-filter"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <input type="date" name="from" aria-label="开始日期" defaultValue={query.from} className={input} />
      <input type="date" name="to" aria-label="结束日期" defaultValue={query.to} className={input} />
      <input name="username" aria-label="用户名" placeholder="用户名" defaultValue={query.username} className={input} />
      <select name="deptId" aria-label="部门" defaultValue={query.deptId ?? ''} className={input}>
        <option value="">全部部门</option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <select name="module" aria-label="模块" defaultValue={query.module ?? ''} className={input}>
        <option value="">全部模块</option>
        {Object.entries(MODULE_LABELS).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
      <input
        name="action"
        aria-label="操作"
        placeholder="操作（如 LOGIN）"
        defaultValue={query.action}
        className={input}
      />
      <select name="result" aria-label="结果" defaultValue={query.result ?? ''} className={input}>
        <option value="">全部结果</option>
        {Object.entries(RESULT_LABELS).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
      <input
        name="objectId"
        aria-label="对象编号"
        placeholder="对象编号"
        defaultValue={query.objectId}
        className={input}
      />
      <input name="ip" aria-label="IP 地址" placeholder="IP 地址" defaultValue={query.ip} className={input} />
      <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
        查询
      </button>
      {exportHref && (
        <a
          href={exportHref}
          data-testid="logs-export"
          className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
        >
          导出 Excel
        </a>
      )}
    </form>
  );
}
