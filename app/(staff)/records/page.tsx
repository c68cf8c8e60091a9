import type { Metadata } from 'next';
import { Forbidden } from '@/app/_components/Forbidden';
import { first, type SearchParams } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { AppError } from '@/lib/errors';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { listScopedRecords, recordCatalogs, recordDepartments } from '@/lib/records/scoped-records';
import { KeysetPager } from './_components/KeysetPager';
import { RecordFilters } from './_components/RecordFilters';
import { RecordsTable } from './_components/RecordsTable';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '信用记录查询' };

/**
 * 信用记录查询: read-only, one catalog at a time, within the viewer's data scope, filtered by
 * department, decision date and publication status, paged by keyset (a deep page is as quick as the first).
 * Records of shared departments show only the granted columns; personal fields are masked.
 */
export default async function RecordsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('record:view');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const [catalogs, departments] = await Promise.all([recordCatalogs(user), recordDepartments(user)]);
  const wanted = first(sp.catalog);
  const catalog = catalogs.find((c) => c.id === wanted || c.code === wanted) ?? catalogs[0];
  const parsed = recordFilterSchema.safeParse({
    dept: first(sp.dept),
    from: first(sp.from),
    to: first(sp.to),
    status: first(sp.status),
    after: first(sp.after),
    before: first(sp.before),
  });
  const filter = parsed.success ? parsed.data : {};
  let problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? '查询条件无效');
  let list: Awaited<ReturnType<typeof listScopedRecords>> | null = null;
  if (catalog && !problem) {
    try {
      list = await listScopedRecords(user, catalog.id, filter, await clientIp());
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      problem = err.message;
    }
  }
  const kept = { catalog: catalog?.code, dept: filter.dept, from: filter.from, to: filter.to, status: filter.status };
  const exportQs = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => !!e[1]));

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">信用记录查询</h1>
      {!catalog ? (
        <p
          data-testid="records-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
        >
          您的数据范围内暂无信用记录。
        </p>
      ) : (
        <>
          <RecordFilters
            catalogs={catalogs}
            catalog={catalog.code}
            departments={departments}
            filter={filter}
            exportHref={`/api/records/export?${exportQs}`}
          />
          {problem && (
            <p
              role="alert"
              data-testid="records-problem"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
            >
              {problem}{' '}
              <a href={`/records?catalog=${encodeURIComponent(catalog.code)}`} className="underline">
                回到第一页
              </a>
            </p>
          )}
          {list && (
            <>
              {list.rows.length === 0 ? (
                <p
                  data-testid="records-none"
                  className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
                >
                  没有符合条件的记录，请调整筛选条件后重试。
                </p>
              ) : (
                <RecordsTable columns={list.columns} rows={list.rows} caption={`${catalog.name}查询结果`} />
              )}
              <KeysetPager
                basePath="/records"
                params={kept}
                prev={list.prev}
                next={list.next}
                total={list.total}
                shown={list.rows.length}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
