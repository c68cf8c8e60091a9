import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { listArticles, listCategories } from '@/lib/cms/articles';
import { listQuery } from '@/lib/cms/schemas';
import { STATUS_LABEL } from '@/lib/cms/status';
import { AdminForm } from '../_components/AdminForm';
import { adminPage } from '../_lib/admin-page';
import { fmtTime, STATUS_TONE } from './_lib';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '新闻公告' };

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

/** 新闻公告: the articles of the public site, filtered by category, status and title. */
export default async function ContentPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { allowed } = await adminPage('content:manage');
  if (!allowed) return <Forbidden />;
  const parsed = listQuery.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : { page: 1 };
  const [categories, list] = await Promise.all([listCategories(), listArticles(filter)]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const params = Object.fromEntries(
    Object.entries({ category: filter.category, status: filter.status, q: filter.q }).filter(([, v]) => v),
  ) as Record<string, string>;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold text-slate-900">新闻公告</h1>
        <Link
          href="/admin/content/new"
          data-testid="content-new"
          className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-800"
        >
          写文章
        </Link>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          筛选条件无效，已显示全部文章。
        </p>
      )}
      <form
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4"
        method="get"
      >
        <label className="text-sm text-slate-700">
          栏目
          <select name="category" defaultValue={filter.category ?? ''} className={field}>
            <option value="">全部栏目</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-slate-700">
          状态
          <select name="status" defaultValue={filter.status ?? ''} className={field}>
            <option value="">全部状态</option>
            {Object.entries(STATUS_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm text-slate-700">
          标题
          <input name="q" defaultValue={filter.q ?? ''} maxLength={100} className={field} />
        </label>
        <div className="flex items-end">
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-4 py-1.5 text-sm hover:bg-slate-50"
          >
            筛选
          </button>
        </div>
      </form>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full text-sm" data-testid="content-list">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                标题
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                栏目
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                状态
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                发布时间
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                作者
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                最后修改
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.items.map((a) => (
              <tr key={a.id} data-testid="content-row" data-id={a.id}>
                <td className="px-3 py-2">
                  <Link href={`/admin/content/${a.id}`} className="text-blue-800 hover:underline">
                    {a.title}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{a.category}</td>
                <td className="px-3 py-2">
                  <Badge tone={STATUS_TONE[a.status]}>{STATUS_LABEL[a.status]}</Badge>
                </td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{fmtTime(a.publishAt)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{a.authorName}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{fmtTime(a.updatedAt)}</td>
              </tr>
            ))}
            {list.items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-500">
                  没有符合条件的文章。
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={filter.page} pages={pages} total={list.total} basePath="/admin/content" params={params} />

      <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">栏目管理</summary>
        <p className="mt-2 text-sm text-slate-600">现有栏目：{categories.map((c) => c.name).join('、')}</p>
        <div className="mt-3">
          <AdminForm
            method="POST"
            url="/api/admin/content/categories"
            testId="category-form"
            submitLabel="新增栏目"
            resetOnSuccess
            inline
            fields={[
              { kind: 'text', name: 'name', label: '栏目名称', required: true },
              { kind: 'text', name: 'code', label: '栏目代码（英文）', required: true, placeholder: 'e.g. guide' },
              { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: 100 },
            ]}
          />
        </div>
      </details>
    </div>
  );
}
