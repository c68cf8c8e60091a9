import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { clientIp } from '@/app/_lib/session';
import { admitPublicQuery } from '@/lib/public/guard';
import { currentPublicAccount } from '@/lib/public-accounts/current';
import { accountOverview } from '@/lib/public-accounts/overview';
import { listRepresentations } from '@/lib/public-accounts/representation';
import { ownRecords } from '@/lib/public-accounts/self-query';
import { DeclareOrgForm } from './_components/DeclareOrgForm';
import { RecordsList } from './_components/RecordsList';
import { SignOutButton } from './_components/SignOutButton';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '个人中心 · 信用武陟' };

const STATUS_LABEL = { PENDING: '待信用中心确认', CONFIRMED: '已确认', REJECTED: '未通过' } as const;

/** 个人中心: the holder's details, their own full record, and the organisations they represent. */
export default async function AccountPage() {
  const account = await currentPublicAccount();
  if (!account) redirect('/signin');
  const verdict = await admitPublicQuery('SELF_QUERY');
  const ip = await clientIp();
  const [records, organisations] = verdict.ok
    ? await Promise.all([ownRecords(account, ip), listRepresentations(account.accountId)])
    : [null, []];
  const me = accountOverview(account);
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">个人中心</h1>
          <p className="mt-1 text-sm text-slate-600">以下信息仅您本人可见，请勿在公共场所展示。</p>
        </div>
        <SignOutButton />
      </div>

      <section aria-labelledby="me-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="me-title" className="text-lg font-semibold text-slate-900">
          我的信息
        </h2>
        <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]" data-testid="account-overview">
          <dt className="text-slate-600">姓名</dt>
          <dd className="text-slate-900">{me.name}</dd>
          <dt className="text-slate-600">身份证号</dt>
          <dd className="text-slate-900">{me.idNumber}</dd>
          <dt className="text-slate-600">联系方式</dt>
          <dd className="text-slate-900">{me.contact}</dd>
        </dl>
      </section>

      <section aria-labelledby="records-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="records-title" className="text-lg font-semibold text-slate-900">
          我的信用记录
        </h2>
        <div className="mt-3">
          {records ? (
            <RecordsList data={records} emptyText="平台中暂无与您本人相关的信用记录。" />
          ) : (
            <p role="alert" className="text-sm text-red-700">
              {!verdict.ok && verdict.message}
            </p>
          )}
        </div>
      </section>

      <section aria-labelledby="orgs-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="orgs-title" className="text-lg font-semibold text-slate-900">
          我代表的组织
        </h2>
        {organisations.length > 0 && (
          <ul className="mt-3 divide-y divide-slate-200 text-sm" data-testid="my-organisations">
            {organisations.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium text-slate-900">{o.org.name}</p>
                  <p className="text-slate-600">
                    {o.org.uscc} · {STATUS_LABEL[o.status]}
                    {o.status === 'REJECTED' && o.reason ? `（${o.reason}）` : ''}
                  </p>
                </div>
                {o.status === 'CONFIRMED' && (
                  <Link href={`/account/org/${o.org.id}`} className="text-blue-800 underline underline-offset-2">
                    查看完整信用记录
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 max-w-md">
          <DeclareOrgForm />
        </div>
      </section>
    </div>
  );
}
