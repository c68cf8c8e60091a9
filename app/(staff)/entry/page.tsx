import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/app/_components/Forbidden';
import { staffPage } from '@/app/_lib/session';
import { CATEGORY_LABEL } from '@/lib/catalog/admin/labels';
import { entryCatalogs } from '@/lib/exchange/manual-entry';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据录入' };

/** 数据录入: the catalogs this department provides, each with its entry form. */
export default async function EntryPage() {
  const { user, allowed } = await staffPage('data:import');
  if (!allowed) return <Forbidden />;
  const catalogs = await entryCatalogs(user);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">数据录入</h1>
        <p className="mt-1 text-sm text-slate-600">
          选择本部门报送的信用信息目录，逐条录入后一次提交；提交的数据与上传文件一样进入归集流程，置疑数据会退回修复。
        </p>
      </div>
      {catalogs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500">
          本部门尚未登记为任何目录的数据提供部门。
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="entry-catalogs">
          {catalogs.map((c) => (
            <li key={c.code}>
              <Link
                href={`/entry/${encodeURIComponent(c.code)}`}
                data-testid="entry-catalog"
                data-code={c.code}
                className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400"
              >
                <span className="font-medium text-blue-900">{c.name}</span>
                <span className="ml-2 text-xs text-slate-500">{CATEGORY_LABEL[c.category]}</span>
                {c.description && <span className="mt-1 block text-sm text-slate-600">{c.description}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
