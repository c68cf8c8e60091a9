import { ARTICLE_PROSE } from '../_lib/prose';

export const fmtDate = (d: Date) =>
  d
    .toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .replace(/\//g, '-');

/** One article as the public reads it (also the staff preview). `html` is sanitized and rendered (lib/cms). */
export function ArticleView({
  title,
  category,
  publishAt,
  html,
}: {
  title: string;
  category: string;
  publishAt: Date | null;
  html: string;
}) {
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white px-4 py-6 shadow-sm sm:px-10 sm:py-8"
      data-testid="article"
    >
      <h1 className="text-xl leading-snug font-semibold text-slate-900 sm:text-2xl" data-testid="article-title">
        {title}
      </h1>
      <p className="mt-3 flex flex-wrap gap-x-4 border-b border-slate-200 pb-4 text-sm text-slate-600">
        <span>栏目：{category}</span>
        <span>
          发布日期：{publishAt ? <time dateTime={publishAt.toISOString()}>{fmtDate(publishAt)}</time> : '未发布'}
        </span>
      </p>
      {/* Sanitized twice: on save and when rendered (lib/cms/sanitize.ts). */}
      <div className={`mt-4 ${ARTICLE_PROSE}`} data-testid="article-body" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
