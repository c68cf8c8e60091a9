import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/app/_components/Forbidden';
import { listCategories } from '@/lib/cms/articles';
import { adminPage } from '../../_lib/admin-page';
import { ArticleEditor } from '../_components/ArticleEditor';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '写文章' };

export default async function NewArticlePage() {
  const { allowed } = await adminPage('content:manage');
  if (!allowed) return <Forbidden />;
  const categories = await listCategories();
  return (
    <div className="space-y-4">
      <Link href="/admin/content" className="text-sm text-blue-800 hover:underline">
        ← 返回新闻公告
      </Link>
      <h1 className="text-xl font-semibold text-slate-900">写文章</h1>
      <p className="text-sm text-slate-600">保存后为草稿，公众看不到；在文章页面可预览、立即发布或定时发布。</p>
      <ArticleEditor article={null} categories={categories.map((c) => ({ code: c.code, name: c.name }))} />
    </div>
  );
}
