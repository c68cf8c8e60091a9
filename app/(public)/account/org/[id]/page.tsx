import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { clientIp } from '@/app/_lib/session';
import { NotFoundError } from '@/lib/errors';
import { admitPublicQuery } from '@/lib/public/guard';
import { currentPublicAccount } from '@/lib/public-accounts/current';
import { representedOrgRecords } from '@/lib/public-accounts/self-query';
import { RecordsList } from '../../_components/RecordsList';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '组织信用记录 · 信用武陟' };

/** The full record of an organisation the holder represents (confirmed), audited. */
export default async function RepresentedOrgPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await currentPublicAccount();
  if (!account) redirect('/signin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const verdict = await admitPublicQuery('SELF_QUERY');
  if (!verdict.ok) {
    return (
      <p role="alert" className="mx-auto max-w-5xl px-4 py-8 text-red-700">
        {verdict.message}
      </p>
    );
  }
  let data;
  try {
    data = await representedOrgRecords(account, id, await clientIp());
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="mx-auto max-w-5xl space-y-4 px-4 py-8 sm:px-6">
      <Link href="/account" className="text-sm text-blue-800 underline underline-offset-2">
        ← 返回个人中心
      </Link>
      <h1 className="text-2xl font-semibold text-slate-900">{data.subject?.name}</h1>
      <p className="text-sm text-slate-600">统一社会信用代码 {data.subject?.uscc}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-label="完整信用记录">
        <RecordsList data={data} emptyText="平台中暂无该组织的信用记录。" />
      </section>
    </div>
  );
}
