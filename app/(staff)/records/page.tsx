import type { Metadata } from 'next';
import { DataTable, TableCard, Th } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { formatDateTime } from '@/app/_lib/format';
import { first, parsePage, type SearchParams } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { listScopedRecords, recordCatalogs } from '@/lib/records/scoped-records';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '信用记录查询' };

/**
 * 信用记录查询: read-only, one catalog at a time, within the viewer's data scope. Records of
 * shared departments show only the granted columns; personal fields are masked.
 */
export default async function RecordsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('record:view');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const catalogs = await recordCatalogs(user);
  const wanted = first(sp.catalog);
  const catalog = catalogs.find((c) => c.id === wanted || c.code === wanted) ?? catalogs[0];
  const list = catalog ? await listScopedRecords(user, catalog.id, parsePage(sp.page), await clientIp()) : null;

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">信用记录查询</h1>
      {!catalog || !list ? (
        <p
          data-testid="records-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
        >
          您的数据范围内暂无信用记录。
        </p>
      ) : (
        <>
          <form className="flex flex-wrap items-end gap-2" data-testid="records-filter">
            <label className="text-sm text-slate-700">
              信息目录
              <select
                name="catalog"
                defaultValue={catalog.code}
                data-testid="records-catalog"
                className="ml-2 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
              >
                {catalogs.map((c) => (
                  <option key={c.id} value={c.code}>
                    {c.name}（{c.count}）
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
              查询
            </button>
          </form>
          <TableCard>
            <DataTable
              testId="records-table"
              caption="信用记录查询结果"
              head={
                <>
                  <Th compact nowrap>
                    提供部门
                  </Th>
                  {list.columns.map((c) => (
                    <Th key={c.key} data-testid="record-col" data-field={c.key} compact nowrap>
                      {c.label}
                    </Th>
                  ))}
                  <Th compact nowrap>
                    入库时间
                  </Th>
                </>
              }
            >
              {list.rows.map((r) => (
                <tr key={r.id} data-testid="record-row" data-record-id={r.id}>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600" data-testid="record-provider">
                    {r.providerDeptName}
                  </td>
                  {list.columns.map((c) => (
                    <td key={c.key} data-field={c.key} className="max-w-64 truncate px-3 py-2" title={r.values[c.key]}>
                      {c.key in r.values ? r.values[c.key] || '—' : <span className="text-slate-400">无权查看</span>}
                    </td>
                  ))}
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600 tabular-nums">
                    {formatDateTime(r.createdAt)}
                  </td>
                </tr>
              ))}
            </DataTable>
          </TableCard>
          <Pagination
            page={list.page}
            pages={list.pages}
            total={list.total}
            basePath="/records"
            params={{ catalog: catalog.code }}
          />
        </>
      )}
    </div>
  );
}
