import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppError, NotFoundError } from '@/lib/errors';
import { admitPublicQuery } from '@/lib/public/guard';
import { ReportDownload } from '../../report/_components/ReportDownload';
import { getPublicProfile, getPublicRecords, type PublicProfile, type PublicRecordSummary } from '@/lib/public/profile';

export const metadata: Metadata = { title: '主体信用信息 - 信用武陟' };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

// An organisation's public profile: 基础信息 and one tab per kind of record, each with its count. Tabs are links
// (?tab=), so the page works without JavaScript and every tab has its own address.
export default async function OrgPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Params>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const verdict = await admitPublicQuery('PROFILE');
  if (!verdict.ok) {
    return (
      <p
        role="alert"
        className="mx-auto mt-8 max-w-3xl rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900"
      >
        {verdict.message}
      </p>
    );
  }
  let profile: PublicProfile;
  try {
    profile = await getPublicProfile(id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  const tab = one(sp.tab) || 'basic';
  const current = profile.tabs.find((t) => t.key === tab);
  let records: { items: PublicRecordSummary[]; next: string | null } | null = null;
  let message: string | null = null;
  if (current) {
    try {
      records = await getPublicRecords(id, current.key, one(sp.after) || null);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      message = err.message;
    }
  }
  const tabLink = (key: string) => `/org/${id}${key === 'basic' ? '' : `?tab=${key}`}`;

  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6">
      <nav aria-label="位置" className="text-sm text-slate-600">
        <Link href="/search" className="text-blue-800 underline underline-offset-2">
          信用信息查询
        </Link>
        <span aria-hidden="true"> / </span>主体信用信息
      </nav>
      <header className="mt-3 rounded-lg border border-slate-200 bg-white p-5">
        <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl" data-testid="org-name">
          {profile.name}
        </h1>
        <p className="mt-2 text-sm text-slate-700">统一社会信用代码：{profile.uscc ?? '—'}</p>
        <div className="mt-4">
          <ReportDownload subjectId={id} />
        </div>
      </header>

      <nav aria-label="信息类别" className="mt-4 overflow-x-auto border-b border-slate-300">
        <ul className="flex min-w-max gap-1">
          {[{ key: 'basic', label: '基础信息', count: null as number | null }, ...profile.tabs].map((t) => {
            const on = t.key === (current ? current.key : 'basic');
            return (
              <li key={t.key}>
                <Link
                  href={tabLink(t.key)}
                  aria-current={on ? 'page' : undefined}
                  data-testid={`tab-${t.key}`}
                  className={`block border-b-2 px-3 py-2 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-blue-800 ${
                    on
                      ? 'border-blue-800 font-semibold text-blue-900'
                      : 'border-transparent text-slate-700 hover:text-blue-900'
                  }`}
                >
                  {t.label}
                  {t.count !== null && (
                    <span
                      className="ml-1 rounded-full bg-slate-100 px-1.5 text-xs text-slate-700"
                      data-testid={`count-${t.key}`}
                    >
                      {t.count}
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {!current && (
        <section aria-labelledby="basic-title" className="mt-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="basic-title" className="font-medium text-slate-900">
            基础信息
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Item label="主体名称" value={profile.name} />
            <Item label="统一社会信用代码" value={profile.uscc} />
            <Item label="主体类别" value={profile.kindLabel} />
            <Item label="法定代表人（负责人）" value={profile.legalRepresentative} testId="legal-rep" />
          </dl>
          <p className="mt-4 text-xs text-slate-600">个人信息已按规定隐去部分内容。</p>
        </section>
      )}

      {current && (
        <section aria-labelledby="tab-title" className="mt-4">
          <h2 id="tab-title" className="sr-only">
            {current.label}
          </h2>
          {message && (
            <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {message}
            </p>
          )}
          {records && records.items.length === 0 && (
            <p
              className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700"
              data-testid="tab-empty"
            >
              暂无公示中的{current.label}信息。
            </p>
          )}
          {records && records.items.length > 0 && (
            <ol
              className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
              data-testid="tab-records"
            >
              {records.items.map((r) => (
                <li key={r.id} className="px-4 py-3" data-testid="tab-record">
                  <Link href={`/org/${id}/records/${r.id}`} className="font-medium text-blue-900 hover:underline">
                    {r.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-600">
                    {r.catalogName} · {r.date}
                  </p>
                  <dl className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-700">
                    {r.fields
                      .filter((f) => f.value !== r.title)
                      .map((f) => (
                        <div key={f.key} className="flex gap-1">
                          <dt className="text-slate-600">{f.label}：</dt>
                          <dd>{f.value}</dd>
                        </div>
                      ))}
                  </dl>
                </li>
              ))}
            </ol>
          )}
          {records?.next && (
            <p className="mt-4 text-center">
              <Link
                href={`/org/${id}?tab=${current.key}&after=${records.next}`}
                className="inline-block rounded-md border border-blue-800 px-4 py-2 text-sm text-blue-800 hover:bg-blue-50"
              >
                下一页
              </Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

function Item({ label, value, testId }: { label: string; value: string | null; testId?: string }) {
  return (
    <div>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-slate-900" data-testid={testId}>
        {value || '—'}
      </dd>
    </div>
  );
}
