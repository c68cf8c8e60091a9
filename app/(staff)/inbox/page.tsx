import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { ClaimButton } from '@/app/_components/ClaimButton';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { formatDateTime } from '@/app/_lib/format';
import { taskKindLabel, taskStatus } from '@/app/_lib/labels';
import { first, parsePage, type SearchParams } from '@/app/_lib/params';
import { cachedInboxCounts, staffPage } from '@/app/_lib/session';
import { listInbox, SUPERVISE_PERMISSION, type InboxRow, type InboxView } from '@/lib/tasks/inbox';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '待办任务' };

const VIEWS: { view: InboxView; label: string }[] = [
  { view: 'mine', label: '我的待办' },
  { view: 'department', label: '部门待认领' },
  { view: 'done', label: '已办' },
  { view: 'supervise', label: '督办' },
];

const EMPTY: Record<InboxView, string> = {
  mine: '暂无待办任务。可在“部门待认领”中认领本部门的任务。',
  department: '本部门暂无待认领的任务。',
  done: '暂无已办结的任务。',
  supervise: '暂无超期升级的任务。',
};

function parseView(raw: string | undefined): InboxView {
  return raw === 'department' || raw === 'done' || raw === 'supervise' ? raw : 'mine';
}

export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, allowed } = await staffPage('inbox:view');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const canSupervise = user.permissions.has(SUPERVISE_PERMISSION);
  const view = parseView(first(sp.view));
  if (view === 'supervise' && !canSupervise) return <Forbidden />;
  const [list, counts] = await Promise.all([listInbox(user, view, parsePage(sp.page)), cachedInboxCounts(user)]);
  const tabCount: Partial<Record<InboxView, number>> = {
    mine: counts.mine,
    department: counts.department,
    supervise: counts.supervise ?? undefined,
  };
  const views = VIEWS.filter((v) => v.view !== 'supervise' || canSupervise);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">待办任务</h1>
      <nav aria-label="任务分类" className="flex gap-1 border-b border-slate-200">
        {views.map((v) => {
          const active = v.view === view;
          return (
            <Link
              key={v.view}
              href={v.view === 'mine' ? '/inbox' : `/inbox?view=${v.view}`}
              aria-current={active ? 'page' : undefined}
              data-testid={`inbox-tab-${v.view}`}
              className={`-mb-px border-b-2 px-4 py-2 text-sm ${
                active
                  ? 'border-blue-700 font-medium text-blue-800'
                  : 'border-transparent text-slate-600 hover:text-slate-900'
              }`}
            >
              {v.label}
              {tabCount[v.view] !== undefined && (
                <span className="ml-1 text-xs text-slate-500">({tabCount[v.view]})</span>
              )}
            </Link>
          );
        })}
      </nav>

      {list.rows.length === 0 ? (
        <p
          data-testid="inbox-empty"
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-500"
        >
          {EMPTY[view]}
        </p>
      ) : (
        <TableCard>
          <DataTable
            testId="inbox-table"
            caption="待办任务列表"
            columns={[
              '任务',
              '类型',
              '期限',
              '状态',
              ...(view === 'supervise' ? ['承办部门'] : []),
              '认领人',
              ...(view === 'department' ? ['操作'] : []),
            ]}
          >
            {list.rows.map((row) => (
              <InboxTableRow key={row.id} row={row} view={view} />
            ))}
          </DataTable>
        </TableCard>
      )}
      <Pagination
        page={list.page}
        pages={list.pages}
        total={list.total}
        basePath="/inbox"
        params={view === 'mine' ? {} : { view }}
      />
    </div>
  );
}

function InboxTableRow({ row, view }: { row: InboxRow; view: InboxView }) {
  const status = taskStatus(row.status);
  const claimable = view === 'department';
  // A supervised task stays the department's: the centre follows it up on the batch page.
  const batchId = typeof row.subjectRef?.batchId === 'string' ? row.subjectRef.batchId : null;
  const href = view === 'supervise' ? (batchId ? `/batches/${batchId}` : null) : `/tasks/${encodeURIComponent(row.id)}`;
  return (
    <tr data-testid="inbox-row" data-task-id={row.id} className="align-top">
      <td className="min-w-56 px-4 py-3">
        {href ? (
          <Link href={href} className="font-medium text-blue-700 hover:underline">
            {row.title}
          </Link>
        ) : (
          <span className="font-medium text-slate-800">{row.title}</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{taskKindLabel(row.kind)}</td>
      <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{formatDateTime(row.dueAt)}</td>
      <td className="px-4 py-3">
        <div className="flex flex-wrap gap-1">
          {row.status !== 'OPEN' && <Badge tone={status.tone}>{status.label}</Badge>}
          {row.overdue && (
            <Badge tone="red" testId="badge-overdue">
              已超期
            </Badge>
          )}
          {row.escalated && (
            <Badge tone="amber" testId="badge-escalated">
              已督办
            </Badge>
          )}
          {row.status === 'OPEN' && !row.overdue && !row.escalated && <Badge tone="blue">办理中</Badge>}
        </div>
      </td>
      {view === 'supervise' && <td className="whitespace-nowrap px-4 py-3 text-slate-600">{row.deptName ?? '—'}</td>}
      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{row.assigneeName ?? '未认领'}</td>
      {claimable && (
        <td className="px-4 py-3">
          <ClaimButton taskId={row.id} />
        </td>
      )}
    </tr>
  );
}
