import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/app/_components/Forbidden';
import { ArticleView } from '@/app/(public)/news/_components/ArticleView';
import { getArticle } from '@/lib/cms/articles';
import { imageSizes } from '@/lib/cms/media';
import { imageIdsOf, renderArticleHtml } from '@/lib/cms/sanitize';
import { STATUS_LABEL } from '@/lib/cms/status';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { adminPage } from '../../../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '预览文章' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The article as the public would read it, whatever its status (staff only). */
export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { allowed } = await adminPage('content:manage');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const a = await getArticle(id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const html = renderArticleHtml(a.bodyHtml, await imageSizes(db, imageIdsOf(a.bodyHtml)));
  return (
    <div className="mx-auto max-w-3xl space-y-3">
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
        预览（当前状态：{STATUS_LABEL[a.shownStatus]}）。
        <Link href={`/admin/content/${id}`} className="ml-2 underline">
          返回编辑
        </Link>
      </p>
      <ArticleView title={a.title} category={a.category.name} publishAt={a.publishAt} html={html} />
    </div>
  );
}
