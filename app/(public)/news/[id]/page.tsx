import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { publicArticle } from '@/lib/cms/public';
import { ArticleView } from '../_components/ArticleView';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const a = await publicArticle((await params).id);
  return { title: a ? a.title : '文章不存在' };
}

/** One published article; a draft, a scheduled-not-yet or an unpublished article is 404 like an unknown id. */
export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const a = await publicArticle((await params).id);
  if (!a) notFound();
  return (
    <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6">
      <nav aria-label="位置" className="mb-3 text-sm text-slate-600">
        <Link href="/news" className="text-blue-800 hover:underline">
          信用动态
        </Link>
        <span aria-hidden="true"> › </span>
        <Link href={`/news?category=${a.categoryCode}`} className="text-blue-800 hover:underline">
          {a.category.name}
        </Link>
      </nav>
      <ArticleView title={a.title} category={a.category.name} publishAt={a.publishAt} html={a.html} />
    </div>
  );
}
