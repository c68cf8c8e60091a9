import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { Forbidden } from '@/app/_components/Forbidden';
import { getArticle, listCategories } from '@/lib/cms/articles';
import { STATUS_LABEL, isPublic } from '@/lib/cms/status';
import { NotFoundError } from '@/lib/errors';
import { adminPage } from '../../_lib/admin-page';
import { ArticleEditor } from '../_components/ArticleEditor';
import { StatusActions } from '../_components/StatusActions';
import { fmtTime, STATUS_TONE } from '../_lib';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '编辑文章' };

const ACTION_LABEL: Record<string, string> = {
  create: '创建',
  edit: '修改',
  publish: '立即发布',
  schedule: '定时发布',
  unpublish: '下线',
};
const FIELD_LABEL: Record<string, string> = {
  categoryCode: '栏目',
  title: '标题',
  summary: '摘要',
  bodyHtml: '正文',
  coverImageId: '封面',
  status: '状态',
  publishAt: '发布时间',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { allowed } = await adminPage('content:manage');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const article = await getArticle(id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const categories = await listCategories();
  const live = isPublic(article);
  return (
    <div className="space-y-5">
      <Link href="/admin/content" className="text-sm text-blue-800 hover:underline">
        ← 返回新闻公告
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-slate-900">编辑文章</h1>
        <Badge tone={STATUS_TONE[article.shownStatus]} testId="article-status">
          {STATUS_LABEL[article.shownStatus]}
        </Badge>
        {article.status === 'SCHEDULED' && !live && (
          <span className="text-sm text-amber-800">将于 {fmtTime(article.publishAt)} 自动发布</span>
        )}
      </div>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="发布">
        <div className="flex flex-wrap gap-4 text-sm">
          <Link
            href={`/admin/content/${id}/preview`}
            className="text-blue-800 underline"
            data-testid="article-preview"
            target="_blank"
          >
            预览
          </Link>
          {live && (
            <Link
              href={`/news/${id}`}
              className="text-blue-800 underline"
              data-testid="article-public-link"
              target="_blank"
            >
              查看公开页面
            </Link>
          )}
        </div>
        <StatusActions
          id={id}
          isPublic={live}
          canUnpublish={article.status === 'PUBLISHED' || article.status === 'SCHEDULED'}
        />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <ArticleEditor
          article={{
            id,
            categoryCode: article.categoryCode,
            title: article.title,
            summary: article.summary,
            bodyHtml: article.bodyHtml,
            coverImageId: article.coverImageId,
          }}
          categories={categories.map((c) => ({ code: c.code, name: c.name }))}
        />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="history-title">
        <h2 id="history-title" className="text-base font-semibold text-slate-900">
          修改记录
        </h2>
        <ol className="mt-2 divide-y divide-slate-100 text-sm" data-testid="article-revisions">
          {article.revisions.map((r) => (
            <li key={r.id} className="flex flex-wrap gap-x-3 py-2" data-testid="article-revision">
              <span className="tabular-nums text-slate-600">{fmtTime(r.at)}</span>
              <span className="font-medium">{r.userName}</span>
              <span>{ACTION_LABEL[r.action] ?? r.action}</span>
              <span className="text-slate-600">
                {Object.keys((r.changes ?? {}) as object)
                  .map((k) => FIELD_LABEL[k] ?? k)
                  .join('、')}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
