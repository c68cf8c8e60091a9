// The department's side of the return-and-fix loop: see the returned rows with their problems,
// correct them, resubmit. Corrections are checked here first (instant feedback, nothing saved if any row
// fails), stored sealed, then handed to the workflow, which checks again and stores them.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { checkRow } from '@/lib/catalog/check-row';
import { loadCatalogDef } from '@/lib/catalog/load';
import { assertKnownFields, rowValuesSchema } from '@/lib/catalog/row-values';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { ensureCanAct, getActionableTask, taskSummary, type TaskSummary } from '@/lib/tasks/inbox';
import type { TaskActionReply } from '@/lib/tasks/task-action';
import { unclaimableConflict } from './claim';
import { resubmitChecked } from './resubmit';
import { readProblems } from '@/lib/catalog/json-columns';
import { readSubjectRef } from '@/lib/tasks/subject-ref';

export const fixRowsSchema = z.object({
  rows: z
    .array(z.object({ itemId: z.string().uuid(), values: rowValuesSchema(4000) }))
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
  explanation: string | null;
  /** The centre's comment when it returned the row's explanation. */
  reviewComment: string | null;
}

export interface FixTaskView {
  task: TaskSummary;
  batch: { id: string; number: string; catalogName: string; rowsSuspect: number; rowsFixed: number };
  fields: CatalogDef['fields'];
  codeTables: CatalogDef['codeTables'];
  items: FixItemView[];
}

/** The batch of a return-and-fix task; any other kind of task is not found here. */
export function batchIdOf(task: { kind: string; subjectRef: unknown }, kind = 'SUSPECT_FIX'): string {
  if (task.kind !== kind) throw new NotFoundError('任务不存在或无权查看');
  const ref = readSubjectRef(task.subjectRef);
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
    ...actorOf(user, ip),
    module: 'data',
    action: 'READ',
    objectType: 'SuspectItem',
    objectId: batchId,
    detail: { rows: items.length },
  });
  return {
    task: taskSummary(task, user),
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
      problems: readProblems(i.problems),
      explanation: i.explanation,
      reviewComment: i.reviewComment,
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
  // A first look, so a stale page is told before the rows are checked; the claim in resubmitChecked decides.
  if (items.length !== input.rows.length)
    throw await unclaimableConflict(
      db,
      batchId,
      input.rows.map((r) => r.itemId),
    );

  // A key the catalog has no field for is the client's error (400), not something to drop quietly.
  const submitted = input.rows.map((r) => r.values);
  assertKnownFields(def, submitted);
  const today = new Date();
  const checked = input.rows.map((r) => ({ itemId: r.itemId, ...checkRow(def, r.values, { today }) }));
  const failing = checked.filter((c) => c.problems.length > 0);
  if (failing.length) {
    throw new ValidationError(`有 ${failing.length} 行仍未通过校验，请修改后再提交`, {
      rows: failing.map((f) => ({ itemId: f.itemId, problems: f.problems })),
    });
  }

  return resubmitChecked(
    user,
    task,
    batchId,
    checked.map((c) => ({ itemId: c.itemId, values: c.values })),
    { via: 'screen' },
    ip,
  );
}
