import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/app/_components/Badge';
import { DetailItem } from '@/app/_components/DetailItem';
import { ClaimButton } from '@/app/_components/ClaimButton';
import { Forbidden } from '@/app/_components/Forbidden';
import { formatCount, formatDateTime } from '@/app/_lib/format';
import { taskKindLabel, taskStatus } from '@/app/_lib/labels';
import { decodeParam, isTaskId } from '@/app/_lib/params';
import { clientIp, staffPage } from '@/app/_lib/session';
import type { CurrentUser } from '@/lib/auth/current-user';
import { NotFoundError } from '@/lib/errors';
import { getFixTask, type FixTaskView } from '@/lib/suspects/fix-task';
import { getActionableTask } from '@/lib/tasks/inbox';
import { FixGrid } from './FixGrid';
import type { FixField } from './fix-types';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '任务办理' };

/** Tasks of other departments are reported as missing, never as forbidden (lib/tasks/inbox.ts). */
async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, allowed } = await staffPage('inbox:view');
  if (!allowed) return <Forbidden />;
  const id = decodeParam((await params).id);
  if (!isTaskId(id)) notFound();
  const task = await orNotFound(getActionableTask(user, id));

  if (task.kind !== 'SUSPECT_FIX') {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold text-slate-900">{task.title}</h1>
        <p className="text-sm text-slate-600" data-testid="task-unsupported">
          “{taskKindLabel(task.kind)}”类任务暂不支持在线办理。
        </p>
      </div>
    );
  }
  const view = await orNotFound(getFixTask(user, id, await clientIp()));
  return <FixTaskScreen user={user} view={view} escalated={!!task.escalatedAt} />;
}

function FixTaskScreen({ user, view, escalated }: { user: CurrentUser; view: FixTaskView; escalated: boolean }) {
  const { task, batch } = view;
  const open = task.status === 'OPEN';
  const claimedByOther = task.assigneeName !== null && !task.claimedByMe;
  const canFix = user.permissions.has('data:fix');
  const canEdit = open && canFix && !claimedByOther;
  const overdue = open && !!task.dueAt && task.dueAt.getTime() < Date.now();
  const status = taskStatus(task.status);
  const fields: FixField[] = view.fields.map((f) => ({
    key: f.key,
    label: f.label,
    required: f.required,
    options: f.type === 'ENUM' && f.codeTable ? (view.codeTables[f.codeTable]?.items ?? []) : null,
  }));

  return (
    <div className="space-y-4">
      <div>
        <Link href="/inbox" className="text-sm text-blue-700 hover:underline">
          ← 返回待办任务
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-slate-900" data-testid="task-title">
          {task.title}
        </h1>
      </div>

      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-2">
        <DetailItem label="状态">
          <span className="flex flex-wrap gap-1" data-testid="task-status" data-status={task.status}>
            <Badge tone={status.tone}>{status.label}</Badge>
            {overdue && (
              <Badge tone="red" testId="badge-overdue">
                已超期
              </Badge>
            )}
            {escalated && (
              <Badge tone="amber" testId="badge-escalated">
                已督办
              </Badge>
            )}
          </span>
        </DetailItem>
        <DetailItem label="期限">
          <span className="tabular-nums" data-testid="task-due">
            {formatDateTime(task.dueAt)}
          </span>
        </DetailItem>
        <DetailItem label="批次">
          <Link
            href={`/batches/${batch.id}`}
            className="text-blue-700 tabular-nums hover:underline"
            data-testid="task-batch-link"
          >
            {batch.number}
          </Link>
          <span className="ml-2 text-slate-500">{batch.catalogName}</span>
        </DetailItem>
        <DetailItem label="认领">
          <span className="flex flex-wrap items-center gap-2" data-testid="task-claim-state">
            {task.claimedByMe ? '已由我认领' : task.assigneeName ? `已由 ${task.assigneeName} 认领` : '未认领'}
            {open && !task.assigneeName && canFix && <ClaimButton taskId={task.id} />}
          </span>
        </DetailItem>
        <DetailItem label="修复进度">
          置疑 {formatCount(batch.rowsSuspect)} 条，已修复 {formatCount(batch.rowsFixed)} 条
        </DetailItem>
      </dl>

      <TaskNote
        open={open}
        canFix={canFix}
        claimedBy={claimedByOther ? task.assigneeName : null}
        unclaimed={!task.assigneeName}
      />

      {/* Always the same element, so the reply message survives the refresh that follows a submission. */}
      <FixGrid taskId={task.id} fields={fields} items={view.items} canEdit={canEdit} />
    </div>
  );
}

function TaskNote({
  open,
  canFix,
  claimedBy,
  unclaimed,
}: {
  open: boolean;
  canFix: boolean;
  claimedBy: string | null;
  unclaimed: boolean;
}) {
  const note = !open
    ? '该任务已办结，以下内容仅供查看。'
    : !canFix
      ? '您没有修复置疑数据的权限，仅可查看。'
      : claimedBy
        ? `该任务已由 ${claimedBy} 认领，仅认领人可以提交修复。`
        : unclaimed
          ? '该任务尚未认领，提交修复时将自动认领。'
          : null;
  if (!note) return null;
  return (
    <p
      data-testid={open ? 'task-note' : 'task-readonly'}
      className={`rounded-md px-4 py-3 text-sm ${open ? 'bg-slate-100 text-slate-700' : 'bg-emerald-50 text-emerald-800'}`}
    >
      {note}
    </p>
  );
}
