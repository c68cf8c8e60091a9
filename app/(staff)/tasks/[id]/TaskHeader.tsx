import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/app/_components/Badge';
import { ClaimButton } from '@/app/_components/ClaimButton';
import { DetailItem } from '@/app/_components/DetailItem';
import { formatDateTime } from '@/app/_lib/format';
import { taskStatus } from '@/app/_lib/labels';
import type { TaskSummary } from '@/lib/tasks/inbox';

interface TaskHeaderProps {
  task: TaskSummary;
  escalated: boolean;
  /** Whether this user may act on the task (holds its permission); only then is 认领 offered. */
  canAct: boolean;
  children?: ReactNode;
}

/** Title, status, deadline and claim state of any task; the kind-specific facts come as children. */
export function TaskHeader({ task, escalated, canAct, children }: TaskHeaderProps) {
  const open = task.status === 'OPEN';
  const overdue = open && !!task.dueAt && task.dueAt.getTime() < Date.now();
  const status = taskStatus(task.status);
  return (
    <>
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
        <DetailItem label="认领">
          <span className="flex flex-wrap items-center gap-2" data-testid="task-claim-state">
            {task.claimedByMe ? '已由我认领' : task.assigneeName ? `已由 ${task.assigneeName} 认领` : '未认领'}
            {open && !task.assigneeName && canAct && <ClaimButton taskId={task.id} />}
          </span>
        </DetailItem>
        {children}
      </dl>
    </>
  );
}

/** Why the user cannot act on an open task, or that the task is closed; nothing when they can act. */
export function TaskNote({
  open,
  canAct,
  claimedBy,
  unclaimed,
  what,
}: {
  open: boolean;
  canAct: boolean;
  claimedBy: string | null;
  unclaimed: boolean;
  /** What acting means here, e.g. '修复置疑数据'. */
  what: string;
}) {
  const note = !open
    ? '该任务已办结，以下内容仅供查看。'
    : !canAct
      ? `您没有${what}的权限，仅可查看。`
      : claimedBy
        ? `该任务已由 ${claimedBy} 认领，仅认领人可以办理。`
        : unclaimed
          ? '该任务尚未认领，提交时将自动认领。'
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
