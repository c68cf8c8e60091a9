// Reading batches: the list and the detail with its whole history, within the user's data scope.
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { db, type Prisma } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { actionable } from '@/lib/tasks/inbox';

const BATCH_PAGE_SIZE = 20;

function scope(user: CurrentUser): Prisma.ImportBatchWhereInput {
  return user.visibleDeptIds === null ? {} : { providerDeptId: { in: user.visibleDeptIds } };
}

export async function listBatches(user: CurrentUser, page: number) {
  const where = scope(user);
  const [total, rows] = await Promise.all([
    db.importBatch.count({ where }),
    db.importBatch.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      skip: (page - 1) * BATCH_PAGE_SIZE,
      take: BATCH_PAGE_SIZE,
      include: {
        providerDept: { select: { name: true } },
        catalogVersion: { select: { version: true, catalog: { select: { name: true } } } },
        file: { select: { originalName: true } },
      },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / BATCH_PAGE_SIZE)), rows };
}

/** Batches in the user's scope still being imported, and those returned to their provider for fixing. */
export async function batchCounts(user: CurrentUser): Promise<{ running: number; returned: number }> {
  const where = scope(user);
  const [running, returned] = await Promise.all([
    db.importBatch.count({ where: { ...where, status: { in: ['RECEIVED', 'PROCESSING'] } } }),
    db.importBatch.count({ where: { ...where, status: 'RETURNED' } }),
  ]);
  return { running, returned };
}

export async function getBatchDetail(user: CurrentUser, batchId: string) {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    include: {
      providerDept: { select: { id: true, name: true } },
      catalogVersion: { select: { version: true, catalog: { select: { code: true, name: true } } } },
      file: { select: { originalName: true, size: true, sha256: true } },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!batch || !canSeeDept(user, batch.providerDeptId)) throw new NotFoundError('批次不存在或无权查看');
  const tasksOfBatch = { workflowId: `suspect-fix-${batchId}` };
  const [suspectByStatus, tasks, openable] = await Promise.all([
    db.suspectItem.groupBy({ by: ['status'], where: { batchId }, _count: true }),
    db.task.findMany({
      where: tasksOfBatch,
      select: { id: true, title: true, status: true, dueAt: true, assigneeId: true },
    }),
    db.task.findMany({ where: { ...tasksOfBatch, AND: [actionable(user)] }, select: { id: true } }),
  ]);
  // Every step of the loop is shown; only the viewer's own tasks link to their screen (the centre's review
  // task is listed to the department as a state, not as a link it may not open).
  const canOpen = new Set(openable.map((t) => t.id));
  return {
    ...batch,
    suspects: Object.fromEntries(suspectByStatus.map((s) => [s.status, s._count])) as Record<string, number>,
    tasks: tasks.map((t) => ({ ...t, canOpen: canOpen.has(t.id) })),
  };
}
