import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Pagination } from '@/app/_components/Pagination';
import { listPublicArticles, publicCategories } from '@/lib/cms/public';
import { ArticleCard } from './_components/ArticleCard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '信用动态' };

/** 信用动态: news, notices, credit knowledge, laws and policies, one tab per category. */
export default async function NewsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const sp = await searchParams;
  const categories = await publicCategories();
  const category = sp.category && categories.some((c) => c.code === sp.category) ? sp.category : undefined;
  if (sp.category && !category) notFound();
  const pageText = sp.page ?? '1';
  const pageOk = /^\d{1,4}$/.test(pageText) && Number(pageText) >= 1;
  const page = pageOk ? Number(pageText) : 1;
  const list = await listPublicArticles({ category, page });
  const tabs = [{ code: undefined as string | undefined, name: '全部' }, ...categories];
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <h1 className="text-2xl font-semibold text-slate-900">信用动态</h1>
      <nav aria-label="栏目" className="mt-4 -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-slate-200">
          {tabs.map((t) => {
            const active = t.code === category;
            return (
              <li key={t.code ?? 'all'}>
                <Link
                  href={t.code ? `/news?category=${t.code}` : '/news'}
                  aria-current={active ? 'page' : undefined}
                  data-testid="news-tab"
                  className={`block border-b-2 px-3 py-2 text-sm ${
                    active
                      ? 'border-blue-800 font-semibold text-blue-900'
                      : 'border-transparent text-slate-700 hover:text-blue-900'
                  }`}
                >
                  {t.name}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {!pageOk && (
        <p role="alert" className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          页码无效，已为您显示第 1 页。
        </p>
      )}
      <section
        aria-label="文章列表"
        className="mt-2 rounded-lg border border-slate-200 bg-white px-4 shadow-sm sm:px-6"
      >
        {list.items.length ? (
          <ul className="divide-y divide-slate-100" data-testid="news-list">
            {list.items.map((a) => (
              <ArticleCard key={a.id} a={a} showCategory={!category} />
            ))}
          </ul>
        ) : (
          <p className="py-10 text-center text-sm text-slate-600" data-testid="news-empty">
            {page > 1 ? '没有更多文章了。' : '本栏目暂无文章。'}
          </p>
        )}
      </section>
      <Pagination
        page={page}
        pages={list.pages}
        total={list.total}
        basePath="/news"
        params={category ? { category } : {}}
      />
    </div>
  );
}
