import Link from 'next/link';
import { listPublicArticles } from '@/lib/cms/public';
import { fmtDate } from '../news/_components/ArticleView';

/** The home page's latest news and notices: the five newest published articles of every category. */
export async function LatestArticles() {
  const { items } = await listPublicArticles({ take: 5 });
  return (
    <section
      aria-labelledby="latest-articles"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      data-testid="latest-articles"
    >
      <div className="flex items-baseline justify-between">
        <h2 id="latest-articles" className="text-lg font-semibold text-slate-900">
          信用动态
        </h2>
        <Link href="/news" className="text-sm text-blue-800 hover:underline">
          更多
        </Link>
      </div>
      {items.length ? (
        <ul className="mt-2 divide-y divide-slate-100">
          {items.map((a) => (
            <li key={a.id} className="flex items-baseline gap-3 py-2 text-sm">
              <span className="shrink-0 rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-900">{a.category}</span>
              <Link
                href={`/news/${a.id}`}
                className="min-w-0 flex-1 truncate text-slate-800 hover:text-blue-900 hover:underline"
              >
                {a.title}
              </Link>
              <time dateTime={a.publishAt.toISOString()} className="shrink-0 text-xs text-slate-600 tabular-nums">
                {fmtDate(a.publishAt)}
              </time>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-600">暂无文章。</p>
      )}
    </section>
  );
}
