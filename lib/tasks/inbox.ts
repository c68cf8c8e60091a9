// The inbox: my tasks and my department's unclaimed tasks, read from the Task projection with
// SQL, permission-filtered and paginated. Claiming is a conditional update, so two people can't both win.
import type { CurrentUser } from '@/lib/auth/current-user';
import { db, type Prisma } from '@/lib/db';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { readSubjectRef } from './subject-ref';

export type InboxView = 'mine' | 'department' | 'done' | 'supervise';

/** Who sees escalated tasks of other departments (督办): the credit centre, which reviews their data. */
export const SUPERVISE_PERMISSION = 'data:review';

export interface InboxRow {
  id: string;
  kind: string;
  title: string;
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  dueAt: Date | null;
  overdue: boolean;
  escalated: boolean;
  assigneeName: string | null;
  /** The department the task is offered to (shown in the supervision view). */
  deptName: string | null;
  createdAt: Date;
  subjectRef: Record<string, unknown> | null;
}

export const PAGE_SIZE = 20;

/** Tasks a user may act on: offered to their department and their permission, or assigned to them. */
export function actionable(user: CurrentUser): Prisma.TaskWhereInput {
  return {
    OR: [
      { assigneeId: user.id },
      {
        candidateDeptId: user.departmentId,
        OR: [{ candidatePermission: null }, { candidatePermission: { in: [...user.permissions] } }],
      },
    ],
  };
}

export async function listInbox(
  user: CurrentUser,
  view: InboxView,
  page: number,
): Promise<{ rows: InboxRow[]; total: number; page: number; pages: number }> {
  if (view === 'supervise' && !user.permissions.has(SUPERVISE_PERMISSION)) throw new ForbiddenError();
  const where: Prisma.TaskWhereInput =
    view === 'mine'
      ? { status: 'OPEN', assigneeId: user.id }
      : view === 'department'
        ? { status: 'OPEN', assigneeId: null, AND: [actionable(user)] }
        : view === 'supervise'
          ? supervised(user)
          : { status: { not: 'OPEN' }, AND: [actionable(user)] };
  const [total, tasks] = await Promise.all([
    db.task.count({ where }),
    db.task.findMany({
      where,
      // Open tasks: escalated and reminded ones (higher priority) first, then by deadline.
      orderBy:
        view === 'done' ? [{ completedAt: 'desc' }] : [{ priority: 'desc' }, { dueAt: 'asc' }, { createdAt: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { assignee: { select: { displayName: true } }, candidateDept: { select: { name: true } } },
    }),
  ]);
  const now = Date.now();
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows: tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      status: t.status,
      dueAt: t.dueAt,
      overdue: t.status === 'OPEN' && !!t.dueAt && t.dueAt.getTime() < now,
      escalated: !!t.escalatedAt,
      assigneeName: t.assignee?.displayName ?? null,
      deptName: t.candidateDept?.name ?? null,
      createdAt: t.createdAt,
      subjectRef: readSubjectRef(t.subjectRef),
    })),
  };
}

/**
 * Escalated open tasks of the departments in the user's data scope: a deadline and its reminder passed without
 * the department acting, so the centre follows the case up (督办). Seen, not acted on: the task stays the
 * department's (谁提供、谁负责).
 */
function supervised(user: CurrentUser): Prisma.TaskWhereInput {
  return {
    status: 'OPEN',
    escalatedAt: { not: null },
    ...(user.visibleDeptIds === null ? {} : { candidateDeptId: { in: user.visibleDeptIds } }),
  };
}

export async function inboxCounts(
  user: CurrentUser,
): Promise<{ mine: number; department: number; supervise: number | null }> {
  const [mine, department, supervise] = await Promise.all([
    db.task.count({ where: { status: 'OPEN', assigneeId: user.id } }),
    db.task.count({ where: { status: 'OPEN', assigneeId: null, AND: [actionable(user)] } }),
    user.permissions.has(SUPERVISE_PERMISSION) ? db.task.count({ where: supervised(user) }) : null,
  ]);
  return { mine, department, supervise };
}

/** A task as its screen's header shows it (the fix, review and feedback screens alike). */
export interface TaskSummary {
  id: string;
  title: string;
  status: string;
  dueAt: Date | null;
  assigneeName: string | null;
  claimedByMe: boolean;
}

export function taskSummary(task: Awaited<ReturnType<typeof getActionableTask>>, user: { id: string }): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    dueAt: task.dueAt,
    assigneeName: task.assignee?.displayName ?? null,
    claimedByMe: task.assigneeId === user.id,
  };
}

/** A task the user may see and act on, or NotFound (never reveal tasks of other departments). */
export async function getActionableTask(user: CurrentUser, taskId: string) {
  const task = await db.task.findFirst({
    where: { id: taskId, AND: [actionable(user)] },
    include: { assignee: { select: { displayName: true } } },
  });
  if (!task) throw new NotFoundError('任务不存在或无权查看');
  return task;
}

export async function claimTask(user: CurrentUser, taskId: string): Promise<void> {
  await getActionableTask(user, taskId);
  const { count } = await db.task.updateMany({
    where: { id: taskId, status: 'OPEN', assigneeId: null },
    data: { assigneeId: user.id, claimedAt: new Date() },
  });
  // Claiming again what one holds (a double click, two of one's own submissions at once) is no conflict.
  if (count === 0 && !(await db.task.count({ where: { id: taskId, status: 'OPEN', assigneeId: user.id } })))
    throw new ConflictError('任务已被他人认领或已办结');
}

/** Only the assignee may act on a claimed task; an unclaimed task is claimed by acting on it. */
export async function ensureCanAct(user: CurrentUser, taskId: string) {
  const task = await getActionableTask(user, taskId);
  if (task.status !== 'OPEN') throw new ConflictError('任务已办结');
  if (task.assigneeId && task.assigneeId !== user.id)
    throw new ForbiddenError(`任务已由${task.assignee?.displayName ?? '他人'}认领`);
  if (!task.assigneeId) await claimTask(user, taskId);
  return task;
}
