import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { first, type SearchParams } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import { AppError } from '@/lib/errors';
import { searchSubjects } from '@/lib/subjects/search';
import { staffSubjectName } from '@/lib/subjects/view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '主体查询' };

const KIND_LABEL = { ORG: '法人和其他组织', PERSON: '自然人' } as const;

/**
 * 主体查询: find an organisation or person by a name fragment, a 统一社会信用代码 or — with the
 * permission to read personal data — a 身份证号, among the subjects the viewer has records of.
 */
export default async function SubjectsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('record:view');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const q = first(sp.q) ?? '';
  const after = first(sp.after) || undefined;
  let result: Awaited<ReturnType<typeof searchSubjects>> | null = null;
  let problem: string | null = null;
  if (q.trim()) {
    try {
      result = await searchSubjects(user, { q, after }, await clientIp());
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      problem = err.message;
    }
  }
  const canById = user.permissions.has('personal:reveal');

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">主体查询</h1>
      <form
        role="search"
        className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
        data-testid="subject-search"
      >
        <label htmlFor="subject-q" className="block text-sm font-medium text-slate-800">
          主体名称、统一社会信用代码{canById ? '或身份证号' : ''}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id="subject-q"
            name="q"
            defaultValue={q}
            maxLength={100}
            autoComplete="off"
            data-testid="subject-q"
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
            placeholder={canById ? '如：武陟县某某有限公司、9141…、4108…' : '如：武陟县某某有限公司、9141…'}
          />
          <button
            type="submit"
            data-testid="subject-submit"
            className="rounded-md bg-blue-800 px-5 py-2 text-sm font-medium text-white hover:bg-blue-900"
          >
            查询
          </button>
        </div>
        <p className="text-xs text-slate-600">
          名称可输入部分文字；18位代码按精确匹配查询。{canById ? '按身份证号查询会记入审计日志。' : ''}
        </p>
      </form>

      {problem && (
        <p role="alert" data-testid="subject-problem" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {problem}
        </p>
      )}
      {result && result.items.length === 0 && (
        <p
          data-testid="subject-none"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600"
        >
          您的数据范围内没有找到匹配的主体。可尝试输入更短的名称关键字，或核对统一社会信用代码。
        </p>
      )}
      {result && result.items.length > 0 && (
        <>
          <TableCard>
            <DataTable
              testId="subject-results"
              caption="主体查询结果"
              columns={['主体名称', '类型', '证照号码', '可查看记录', '状态']}
              compact
              nowrap
            >
              {result.items.map((s) => (
                <tr key={s.id} data-testid="subject-row" data-subject-id={s.id}>
                  <td className="px-3 py-2">
                    <Link
                      href={`/subjects/${s.id}`}
                      className="font-medium text-blue-800 underline-offset-2 hover:underline"
                      data-testid="subject-link"
                    >
                      {staffSubjectName(user, s.kind, s.name)}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">{KIND_LABEL[s.kind]}</td>
                  <td className="px-3 py-2 whitespace-nowrap font-mono text-slate-700">
                    {s.uscc ?? s.idNumberMasked ?? '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{s.records}</td>
                  <td className="px-3 py-2">{s.restricted ? <Badge tone="red">受控主体</Badge> : null}</td>
                </tr>
              ))}
            </DataTable>
          </TableCard>
          <nav aria-label="分页" className="flex gap-2 text-sm">
            {after && (
              <Link
                href={`/subjects?${new URLSearchParams({ q })}`}
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
                data-testid="pagination-first"
              >
                第一页
              </Link>
            )}
            {result.next && (
              <Link
                href={`/subjects?${new URLSearchParams({ q, after: result.next })}`}
                className="rounded border border-slate-300 bg-white px-3 py-1.5 text-slate-700 hover:bg-slate-50"
                data-testid="pagination-next"
              >
                下一页
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
