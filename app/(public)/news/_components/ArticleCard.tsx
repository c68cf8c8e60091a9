import Link from 'next/link';
import type { PublicArticleSummary } from '@/lib/cms/public';
import { fmtDate } from './ArticleView';

/** One row of a news list: the cover thumbnail (when there is one), title, category, date and summary. */
export function ArticleCard({ a, showCategory = true }: { a: PublicArticleSummary; showCategory?: boolean }) {
  return (
    <li className="flex gap-4 py-4" data-testid="news-item" data-id={a.id}>
      {a.cover && (
        // our own 240×160 WebP thumbnail
        <img
          src={`/api/public/media/${a.cover.id}/thumb`}
          alt=""
          width={240}
          height={160}
          loading="lazy"
          className="hidden h-20 w-30 shrink-0 rounded object-cover sm:block"
        />
      )}
      <div className="min-w-0">
        <h3 className="text-base leading-snug font-medium">
          <Link href={`/news/${a.id}`} className="text-blue-900 hover:underline">
            {a.title}
          </Link>
        </h3>
        <p className="mt-1 text-xs text-slate-600">
          {showCategory && <span className="mr-3">{a.category}</span>}
          <time dateTime={a.publishAt.toISOString()}>{fmtDate(a.publishAt)}</time>
        </p>
        {a.summary && <p className="mt-1 line-clamp-2 text-sm text-slate-700">{a.summary}</p>}
      </div>
    </li>
  );
}
