import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/app/_components/Forbidden';
import { listCodeTables } from '@/lib/admin/dictionary';
import { adminPage } from '../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据字典' };

/** 数据字典: the code tables used by catalog fields. */
export default async function DictionaryPage() {
  const { ctx, allowed } = await adminPage('admin:dictionary');
  if (!allowed) return <Forbidden />;
  const tables = await listCodeTables(ctx);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">数据字典</h1>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="code-tables">
        {tables.map((t) => (
          <li key={t.code}>
            <Link
              href={`/admin/dictionary/${encodeURIComponent(t.code)}`}
              data-testid="code-table"
              data-code={t.code}
              className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400"
            >
              <span className="font-medium text-blue-900">{t.name}</span>
              <span className="ml-2 font-mono text-xs text-slate-500">{t.code}</span>
              <span className="mt-1 block text-sm text-slate-600">{t.itemCount} 项</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
