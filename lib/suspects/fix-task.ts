// The department's side of the return-and-fix loop: see the returned rows with their problems,
// correct them, resubmit. Corrections are checked here first (instant feedback, nothing saved if any row
// fails), stored sealed, then handed to the workflow, which checks again and stores them.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { writeAudit } from '@/lib/audit';
import { checkRow } from '@/lib/catalog/check-row';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { sealJson, unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { ensureCanAct, getActionableTask } from '@/lib/tasks/inbox';
import { temporal } from '@/lib/temporal';
import type { TaskActionInput, TaskActionReply } from '@/workflows/human-task';

export const fixRowsSchema = z.object({
  rows: z
    .array(z.object({ itemId: z.string().uuid(), values: z.record(z.string(), z.string().max(4000)) }))
    .min(1, '请至少修改一行')
    .max(500),
});
export type FixRowsInput = z.infer<typeof fixRowsSchema>;

export interface FixItemView {
  id: string;
  rowNumber: number;
  status: string;
  round: number;
  values: RowValues;
  problems: Problem[];
}

export interface FixTaskView {
  task: {
    id: string;
    title: string;
    status: string;
    dueAt: Date | null;
    assigneeName: string | null;
    claimedByMe: boolean;
  };
  batch: { id: string; number: string; catalogName: string; rowsSuspect: number; rowsFixed: number };
  fields: CatalogDef['fields'];
  codeTables: CatalogDef['codeTables'];
  items: FixItemView[];
}

function batchIdOf(task: { subjectRef: unknown }): string {
  const ref = task.subjectRef as { batchId?: string } | null;
  if (!ref?.batchId) throw new NotFoundError('任务没有关联的批次');
  return ref.batchId;
}

export async function getFixTask(user: CurrentUser, taskId: string, ip: string | null): Promise<FixTaskView> {
  const task = await getActionableTask(user, taskId);
  const batchId = batchIdOf(task);
  const batch = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    include: { catalogVersion: { include: { catalog: true } } },
  });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { batchId, status: { in: ['OPEN', 'FIX_SUBMITTED', 'EXPLAINED'] } },
    orderBy: { rowNumber: 'asc' },
    take: 500,
  });
  // The provider sees its own rows in clear to correct them; the reveal is audited.
  await writeAudit(db, {
    userId: user.id,
    username: user.username,
    deptId: user.departmentId,
    ip,
    module: 'data',
    action: 'READ',
    objectType: 'SuspectItem',
    objectId: batchId,
    detail: { rows: items.length },
  });
  return {
    task: {
      id: task.id,
      title: task.title,
      status: task.status,
      dueAt: task.dueAt,
      assigneeName: task.assignee?.displayName ?? null,
      claimedByMe: task.assigneeId === user.id,
    },
    batch: {
      id: batch.id,
      number: batch.number,
      catalogName: batch.catalogVersion.catalog.name,
      rowsSuspect: batch.rowsSuspect,
      rowsFixed: batch.rowsFixed,
    },
    fields: def.fields,
    codeTables: def.codeTables,
    items: items.map((i) => ({
      id: i.id,
      rowNumber: i.rowNumber,
      status: i.status,
      round: i.round,
      values: unsealJson<RowValues>(i.fixSealed ?? i.rowSealed),
      problems: i.problems as unknown as Problem[],
    })),
  };
}

export async function submitFixes(
  user: CurrentUser,
  taskId: string,
  input: FixRowsInput,
  ip: string | null,
): Promise<TaskActionReply> {
  const task = await ensureCanAct(user, taskId);
  const batchId = batchIdOf(task);
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { id: { in: input.rows.map((r) => r.itemId) }, batchId, status: 'OPEN' },
  });
  if (items.length !== input.rows.length) throw new ConflictError('部分数据已处理或不属于本任务，请刷新页面');

  const today = new Date();
  const knownKeys = new Set(def.fields.map((f) => f.key));
  const checked = input.rows.map((r) => {
    const values = Object.fromEntries(Object.entries(r.values).filter(([k]) => knownKeys.has(k)));
    return { itemId: r.itemId, ...checkRow(def, values, { today }) };
  });
  const failing = checked.filter((c) => c.problems.length > 0);
  if (failing.length) {
    throw new ValidationError(`有 ${failing.length} 行仍未通过校验，请修改后再提交`, {
      rows: failing.map((f) => ({ itemId: f.itemId, problems: f.problems })),
    });
  }

  const itemIds = checked.map((c) => c.itemId);
  await db.$transaction(
    checked.map((c) =>
      db.suspectItem.update({
        where: { id: c.itemId },
        data: { fixSealed: sealJson(c.values), status: 'FIX_SUBMITTED' },
      }),
    ),
  );
  try {
    const reply = await temporal()
      .workflow.getHandle(task.workflowId)
      // By name (types only from workflows/): the app never loads workflow code.
      .executeUpdate<TaskActionReply, [TaskActionInput]>('taskAction', {
        args: [{ taskId, actor: { id: user.id, name: user.displayName }, action: 'resubmit', data: { itemIds } }],
      });
    await writeAudit(db, {
      userId: user.id,
      username: user.username,
      deptId: user.departmentId,
      ip,
      module: 'data',
      action: 'UPDATE',
      objectType: 'SuspectItem',
      objectId: batchId,
      detail: { resubmitted: itemIds.length },
    });
    return reply;
  } catch (err) {
    // The workflow refused (task closed or busy): put the rows back so nothing is left half-submitted.
    await db.suspectItem.updateMany({
      where: { id: { in: itemIds }, status: 'FIX_SUBMITTED' },
      data: { status: 'OPEN' },
    });
    if (err instanceof WorkflowUpdateFailedError)
      throw new ConflictError(err.cause?.message ?? '任务状态已变化，请刷新页面');
    throw err;
  }
}
