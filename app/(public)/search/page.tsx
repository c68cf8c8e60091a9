import type { Metadata } from 'next';
import Link from 'next/link';
import { AppError } from '@/lib/errors';
import { admitPublicQuery } from '@/lib/public/guard';
import { ORG_CATEGORY_LABEL, searchOrganisations, type SearchResult } from '@/lib/public/search';
import { SearchBox } from './_components/SearchBox';

export const metadata: Metadata = { title: '信用信息查询 - 信用武陟' };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

// Organisation search: results with the match marked, filters, keyset pages ("下一页" carries the cursor).
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const sp = await searchParams;
  const q = one(sp.q);
  const kind = one(sp.kind);
  const penalties = one(sp.penalties);
  const after = one(sp.after);

  let result: SearchResult | null = null;
  let message: string | null = null;
  if (q.trim()) {
    const verdict = await admitPublicQuery('SEARCH');
    if (!verdict.ok) message = verdict.message;
    else {
      try {
        result = await searchOrganisations({ q, kind: kind as '', penalties: penalties as '', after });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        message = err.message;
      }
    }
  }
  const filtersOn = Boolean(kind || penalties === '1');
  const nextHref = (cursor: string) => {
    const p = new URLSearchParams({ q, ...(kind ? { kind } : {}), ...(penalties ? { penalties } : {}), after: cursor });
    return `/search?${p}`;
  };

  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="text-xl font-semibold text-slate-900">信用信息查询</h1>
      <p className="mt-1 text-sm text-slate-600">
        按企业名称关键字或统一社会信用代码查询本县企业、个体工商户及其他组织的公共信用信息。
        <Link href="/person" className="text-blue-800 underline underline-offset-2">
          查询个人信息
        </Link>
      </p>
      <div className="mt-4">
        <SearchBox defaultValue={q} />
      </div>

      {q.trim() && (
        <form
          action="/search"
          method="get"
          className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm"
          aria-label="筛选"
        >
          <input type="hidden" name="q" value={q} />
          <label className="flex items-center gap-2 text-slate-700">
            主体类别
            <select
              name="kind"
              defaultValue={kind}
              className="rounded border border-slate-400 bg-white px-2 py-1"
              data-testid="filter-kind"
            >
              <option value="">全部</option>
              {Object.entries(ORG_CATEGORY_LABEL).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-slate-700">
            <input
              type="checkbox"
              name="penalties"
              value="1"
              defaultChecked={penalties === '1'}
              data-testid="filter-penalties"
            />
            仅看有行政处罚公示的
          </label>
          <button type="submit" className="rounded border border-blue-800 px-3 py-1 text-blue-800 hover:bg-blue-50">
            筛选
          </button>
        </form>
      )}

      {message && (
        <p
          role="alert"
          className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="search-message"
        >
          {message}
        </p>
      )}

      {!q.trim() && (
        <p className="mt-6 text-sm text-slate-600">
          请输入企业名称（一个字也可以查）或 18 位统一社会信用代码后点击“查询”。
        </p>
      )}

      {result && result.items.length === 0 && (
        <section
          className="mt-6 rounded-lg border border-slate-200 bg-white p-5"
          data-testid="search-empty"
          aria-labelledby="empty-title"
        >
          <h2 id="empty-title" className="font-medium text-slate-900">
            {after ? '没有更多结果了' : `未找到与“${result.term}”相关的主体`}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {result.mode === 'CODE' ? (
              <>
                <li>请核对统一社会信用代码是否输入完整、正确（共 18 位）。</li>
                <li>也可以改用企业名称中的关键字查询。</li>
              </>
            ) : (
              <>
                <li>试试输入更短的关键字，例如字号中的两个字。</li>
                <li>检查是否有错别字，或改用统一社会信用代码查询。</li>
                {filtersOn && <li>取消筛选条件后再试。</li>}
              </>
            )}
            <li>本平台仅收录武陟县归集的主体信息。</li>
          </ul>
        </section>
      )}

      {result && result.items.length > 0 && (
        <section className="mt-6" aria-labelledby="results-title">
          <h2 id="results-title" className="text-sm text-slate-600">
            {result.mode === 'CODE' ? '按统一社会信用代码查询的结果' : `与“${result.term}”相关的主体`}
          </h2>
          <ol
            className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            data-testid="search-results"
          >
            {result.items.map((it) => (
              <li key={it.id} className="px-4 py-3" data-testid="search-result">
                <Link
                  href={`/org/${it.id}`}
                  className="text-base font-medium text-blue-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-800"
                >
                  <Highlighted name={it.name} range={it.highlight} />
                </Link>
                <p className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">
                  {it.uscc && <span>统一社会信用代码：{it.uscc}</span>}
                  {it.kindLabel && <span>{it.kindLabel}</span>}
                </p>
              </li>
            ))}
          </ol>
          {result.next && (
            <p className="mt-4 text-center">
              <Link
                href={nextHref(result.next)}
                className="inline-block rounded-md border border-blue-800 px-4 py-2 text-sm text-blue-800 hover:bg-blue-50"
                data-testid="search-next"
              >
                下一页
              </Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function Highlighted({ name, range }: { name: string; range: [number, number] | null }) {
  if (!range) return <>{name}</>;
  return (
    <>
      {name.slice(0, range[0])}
      <mark className="rounded-sm bg-amber-200 px-0.5 text-slate-900" data-testid="search-highlight">
        {name.slice(range[0], range[1])}
      </mark>
      {name.slice(range[1])}
    </>
  );
}
