import type { Metadata } from 'next';
import Link from 'next/link';
import { ValidationError } from '@/lib/errors';
import { admitPublicQuery } from '@/lib/public/guard';
import {
  PUBLICITY_TYPES,
  publicityFilters,
  publicityPage,
  publicityQuerySchema,
  type PublicityPage,
  type PublicityType,
} from '@/lib/public/publicity';
import { publicDb } from '@/lib/public/read-db';

export const metadata: Metadata = { title: '双公示 · 信用武陟' };

type Search = Record<string, string | string[] | undefined>;

const fieldClass =
  'mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 focus:border-blue-700 focus:outline-2 focus:outline-blue-700';

// 双公示: the latest published 行政许可 and 行政处罚, in two tabs, filtered by department, decision date and
// category, keyset-paginated (下一页 carries the cursor). Each row opens the record's public detail.
export default async function PublicityListPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  ) as Record<string, string | undefined>;
  const type: PublicityType = raw.type === 'license' ? 'license' : 'penalty';

  const verdict = await admitPublicQuery('PUBLICITY_LIST');
  const parsed = publicityQuerySchema.safeParse({ ...raw, type });
  let page: PublicityPage | null = null;
  let refusal: string | null = null;
  if (!verdict.ok) refusal = verdict.message;
  else if (!parsed.success) refusal = parsed.error.issues[0]?.message ?? '查询条件不正确';
  else {
    try {
      page = await publicityPage(publicDb, parsed.data);
    } catch (err) {
      if (err instanceof ValidationError) refusal = err.message;
      else throw err;
    }
  }
  const filters = await publicityFilters(publicDb, type);
  const q = parsed.success ? parsed.data : { type };
  const keep = (over: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({
      type,
      dept: raw.dept,
      category: raw.category,
      from: raw.from,
      to: raw.to,
      ...over,
    }))
      if (v) p.set(k, v);
    return `/publicity?${p.toString()}`;
  };

  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold text-slate-900">双公示</h1>
      <p className="mt-2 text-sm leading-relaxed text-slate-600">
        公示本县各部门依法作出的行政许可和行政处罚决定（公示期内的信息），接受社会监督。
      </p>

      <nav aria-label="公示类型" className="mt-6 flex gap-2 border-b border-slate-200">
        {(Object.keys(PUBLICITY_TYPES) as PublicityType[]).map((t) => (
          <Link
            key={t}
            href={`/publicity?type=${t}`}
            data-testid={`publicity-tab-${t}`}
            aria-current={t === type ? 'page' : undefined}
            className={
              t === type
                ? '-mb-px border-b-2 border-blue-800 px-4 py-2 font-medium text-blue-900'
                : 'px-4 py-2 text-slate-700 hover:text-blue-900'
            }
          >
            {PUBLICITY_TYPES[t].label}
          </Link>
        ))}
      </nav>

      <form
        method="get"
        action="/publicity"
        className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
        data-testid="publicity-filters"
      >
        <input type="hidden" name="type" value={type} />
        <div>
          <label htmlFor="f-dept" className="text-sm text-slate-700">
            决定部门
          </label>
          <select id="f-dept" name="dept" defaultValue={'dept' in q ? (q.dept ?? '') : ''} className={fieldClass}>
            <option value="">全部部门</option>
            {filters.departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-category" className="text-sm text-slate-700">
            {type === 'license' ? '许可类别' : '处罚类别'}
          </label>
          <select
            id="f-category"
            name="category"
            defaultValue={'category' in q ? (q.category ?? '') : ''}
            className={fieldClass}
          >
            <option value="">全部类别</option>
            {filters.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="text-sm text-slate-700">
            决定日期自
          </label>
          <input id="f-from" type="date" name="from" defaultValue={raw.from ?? ''} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="f-to" className="text-sm text-slate-700">
            决定日期至
          </label>
          <input id="f-to" type="date" name="to" defaultValue={raw.to ?? ''} className={fieldClass} />
        </div>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            data-testid="publicity-submit"
            className="rounded-md bg-blue-800 px-4 py-2 text-sm font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800"
          >
            查询
          </button>
          <Link href={`/publicity?type=${type}`} className="px-2 py-2 text-sm text-blue-800 underline">
            重置
          </Link>
        </div>
      </form>

      {refusal && (
        <p
          role="alert"
          data-testid="publicity-refusal"
          className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          {refusal}
        </p>
      )}

      {page && (
        <section aria-label={`${PUBLICITY_TYPES[type].label}公示列表`} className="mt-4">
          {page.items.length === 0 ? (
            <p
              data-testid="publicity-empty"
              className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-600"
            >
              没有符合条件的公示信息。可以放宽日期范围或选择“全部部门”“全部类别”后再查询。
            </p>
          ) : (
            <ul
              className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
              data-testid="publicity-list"
            >
              {page.items.map((item) => (
                <li key={item.id} className="p-4" data-testid="publicity-item">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <h2 className="font-medium text-slate-900">
                      {item.href ? (
                        <Link href={item.href} className="text-blue-800 hover:underline">
                          {item.subjectName}
                        </Link>
                      ) : (
                        item.subjectName
                      )}
                    </h2>
                    <span className="text-sm text-slate-600">{item.date}</span>
                  </div>
                  <p className="mt-1 text-sm text-slate-700">
                    <span className="font-mono">{item.title}</span>
                    {item.category && (
                      <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                        {item.category}
                      </span>
                    )}
                  </p>
                  {item.content && <p className="mt-1 text-sm leading-relaxed text-slate-600">{item.content}</p>}
                  <p className="mt-1 text-xs text-slate-600">决定部门：{item.department}</p>
                </li>
              ))}
            </ul>
          )}
          <nav aria-label="分页" className="mt-3 flex justify-between gap-3 text-sm">
            {raw.after ? (
              <Link
                href={keep({ after: undefined })}
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
              >
                回到第一页
              </Link>
            ) : (
              <span />
            )}
            {page.next && (
              <Link
                href={keep({ after: page.next })}
                data-testid="publicity-next"
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
              >
                下一页
              </Link>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}
