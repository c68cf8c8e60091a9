import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { Forbidden } from '@/app/_components/Forbidden';
import { first, isUuid, type SearchParams } from '@/app/_lib/params';
import { formatDateTime } from '@/app/_lib/format';
import { clientIp, staffPage } from '@/app/_lib/session';
import { AppError, NotFoundError } from '@/lib/errors';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { listScopedRecords, recordDepartments } from '@/lib/records/scoped-records';
import { getSubjectView } from '@/lib/subjects/view';
import { KeysetPager } from '../../records/_components/KeysetPager';
import { RecordFilters } from '../../records/_components/RecordFilters';
import { RecordsTable } from '../../records/_components/RecordsTable';
import { SubjectRestriction } from '../../records/[id]/SubjectRestriction';
import { RevealIdNumber } from './RevealIdNumber';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '主体信息' };

const KIND_LABEL = { ORG: '法人和其他组织', PERSON: '自然人' } as const;
const LINK_ROLE = { LEGAL_REPRESENTATIVE: '法定代表人', EXECUTIVE: '主要负责人' } as const;

/**
 * 主体信息: a subject's basic information, identifiers masked unless revealed
 * (audited), its restriction with the control to set or lift it, and — one catalog at a time, as tabs with
 * counts — every record of it the viewer's data scope and column grants allow, filtered and paged by keyset.
 */
export default async function SubjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { user, allowed } = await staffPage('record:view');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const ip = await clientIp();
  const subject = await getSubjectView(user, id, ip).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const sp = await searchParams;
  const wanted = first(sp.catalog);
  const catalog = subject.catalogs.find((c) => c.code === wanted) ?? subject.catalogs[0];
  const parsed = recordFilterSchema.safeParse({
    dept: first(sp.dept),
    from: first(sp.from),
    to: first(sp.to),
    status: first(sp.status),
    after: first(sp.after),
    before: first(sp.before),
  });
  const filter = parsed.success ? parsed.data : {};
  let problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? '查询条件无效');
  let list: Awaited<ReturnType<typeof listScopedRecords>> | null = null;
  if (catalog && !problem) {
    try {
      list = await listScopedRecords(user, catalog.id, { ...filter, subject: id }, ip);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      problem = err.message;
    }
  }
  const departments = await recordDepartments(user);
  const kept = { catalog: catalog?.code, dept: filter.dept, from: filter.from, to: filter.to, status: filter.status };
  const exportQs = new URLSearchParams([
    ...Object.entries(kept).filter((e): e is [string, string] => !!e[1]),
    ['subject', id],
  ]);
  const base = `/subjects/${id}`;

  return (
    <div className="space-y-4">
      <nav aria-label="位置" className="text-sm text-slate-600">
        <Link href="/subjects" className="underline-offset-2 hover:underline">
          主体查询
        </Link>{' '}
        / 主体信息
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-xl font-semibold text-slate-900" data-testid="subject-name">
          {subject.name}
        </h1>
        <Badge>{KIND_LABEL[subject.kind]}</Badge>
        {subject.restricted && (
          <Badge tone="red" testId="subject-restricted">
            受控主体
          </Badge>
        )}
      </div>

      <section aria-labelledby="basic-h" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="basic-h" className="mb-3 font-medium text-slate-900">
          基础信息
        </h2>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          {subject.uscc && <Item label="统一社会信用代码">{subject.uscc}</Item>}
          {subject.idNumberMasked && (
            <Item label="身份证号">
              {user.permissions.has('personal:reveal') ? (
                <RevealIdNumber subjectId={subject.id} masked={subject.idNumberMasked} />
              ) : (
                <span className="font-mono" data-testid="subject-id-number">
                  {subject.idNumberMasked}
                </span>
              )}
            </Item>
          )}
          {subject.people.map((p, i) => (
            <Item key={i} label={p.title ?? LINK_ROLE[p.role]}>
              {p.name}
            </Item>
          ))}
          <Item label="受控状态">
            {subject.restricted
              ? `受控（${subject.restrictedReason ?? '未写原因'}，${formatDateTime(subject.restrictedAt)}）`
              : '非受控'}
          </Item>
        </dl>
      </section>

      {user.permissions.has('subject:restrict') && (
        <SubjectRestriction
          subjectId={subject.id}
          subjectName={subject.name}
          restricted={subject.restricted}
          reason={subject.restrictedReason}
        />
      )}

      <section aria-labelledby="records-h" className="space-y-3">
        <h2 id="records-h" className="font-medium text-slate-900">
          信用记录
        </h2>
        {!catalog ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
            您的数据范围内没有该主体的信用记录。
          </p>
        ) : (
          <>
            <nav aria-label="信息目录" className="flex flex-wrap gap-2" data-testid="subject-tabs">
              {subject.catalogs.map((c) => (
                <Link
                  key={c.id}
                  href={`${base}?catalog=${encodeURIComponent(c.code)}`}
                  aria-current={c.id === catalog.id ? 'page' : undefined}
                  data-testid="subject-tab"
                  data-catalog={c.code}
                  className={
                    c.id === catalog.id
                      ? 'rounded-full bg-blue-800 px-3 py-1 text-sm text-white'
                      : 'rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:bg-slate-50'
                  }
                >
                  {c.name}（{c.count}）
                </Link>
              ))}
            </nav>
            <RecordFilters
              catalogs={subject.catalogs}
              catalog={catalog.code}
              departments={departments}
              filter={filter}
              exportHref={`/api/records/export?${exportQs}`}
            />
            {problem && (
              <p
                role="alert"
                data-testid="records-problem"
                className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
              >
                {problem}{' '}
                <a href={`${base}?catalog=${encodeURIComponent(catalog.code)}`} className="underline">
                  回到第一页
                </a>
              </p>
            )}
            {list && (
              <>
                {list.rows.length === 0 ? (
                  <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
                    没有符合条件的记录。
                  </p>
                ) : (
                  <RecordsTable
                    columns={list.columns}
                    rows={list.rows}
                    caption={`${catalog.name}记录`}
                    showSubject={false}
                  />
                )}
                <KeysetPager
                  basePath={base}
                  params={kept}
                  prev={list.prev}
                  next={list.next}
                  total={list.total}
                  shown={list.rows.length}
                />
              </>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3">
      <dt className="w-32 shrink-0 text-slate-600">{label}</dt>
      <dd className="min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}
