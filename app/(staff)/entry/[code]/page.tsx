import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/app/_components/Forbidden';
import { staffPage } from '@/app/_lib/session';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { entryDefinition } from '@/lib/exchange/manual-entry';
import { EntryWorkspace } from './EntryWorkspace';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '数据录入' };

/** The entry form of one catalog, generated from its current published version. */
export default async function CatalogEntryPage({ params }: { params: Promise<{ code: string }> }) {
  const { user, allowed } = await staffPage('data:import');
  if (!allowed) return <Forbidden />;
  const { code } = await params;
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code)) notFound();
  let def;
  try {
    def = await entryDefinition(user, code);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ForbiddenError) return <Forbidden message={`${err.message}。`} />;
    throw err;
  }
  return (
    <div className="space-y-4">
      <div>
        <Link href="/entry" className="text-sm text-blue-700 hover:underline">
          ← 返回目录列表
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-slate-900">
          录入：{def.name}
          <span className="ml-2 text-sm font-normal text-slate-500">第 {def.version} 版</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">带 * 的为必填项。每一项在填写后立即按目录规则校验。</p>
      </div>
      <EntryWorkspace def={def} />
    </div>
  );
}
