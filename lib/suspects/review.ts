// The credit centre's side of an explanation: it sees the rows the provider asked it to
// accept, with the problems and the provider's reasons, and accepts each (stored as is, the explanation
// kept) or returns it to the provider with a comment. Decisions are saved first, then the workflow applies them.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { maskValues } from '@/lib/records/mask-values';
import { ensureCanAct, getActionableTask, taskSummary, type TaskSummary } from '@/lib/tasks/inbox';
import { submitTaskAction, type TaskActionReply } from '@/lib/tasks/task-action';
import { claimExplainedItems } from './claim';
import { batchIdOf } from './fix-task';
import { readProblems } from '@/lib/catalog/json-columns';

export const reviewDecisionsSchema = z.object({
  decisions: z
    .array(
      z
        .object({
          itemId: z.string().uuid(),
          decision: z.enum(['ACCEPT', 'RETURN']),
          comment: z.string().trim().max(1000).optional(),
        })
        .refine((d) => d.decision === 'ACCEPT' || (d.comment?.length ?? 0) >= 2, {
          message: '退回时请写明意见',
          path: ['comment'],
        }),
    )
    .min(1, '请至少对一行作出决定')
    .max(500),
});
export type ReviewDecisionsInput = z.infer<typeof reviewDecisionsSchema>;

export interface ReviewItemView {
  id: string;
  rowNumber: number;
  values: RowValues;
  problems: Problem[];
  explanation: string | null;
}

export interface ReviewTaskView {
  task: TaskSummary;
  batch: { id: string; number: string; catalogName: string; providerName: string };
  fields: CatalogDef['fields'];
  items: ReviewItemView[];
}

export async function getReviewTask(user: CurrentUser, taskId: string): Promise<ReviewTaskView> {
  const task = await getActionableTask(user, taskId);
  const batchId = batchIdOf(task, 'SUSPECT_REVIEW');
  const batch = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    include: { catalogVersion: { include: { catalog: true } }, providerDept: { select: { name: true } } },
  });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { batchId, status: 'EXPLAINED' },
    orderBy: { rowNumber: 'asc' },
    take: 500,
  });
  return {
    task: taskSummary(task, user),
    batch: {
      id: batch.id,
      number: batch.number,
      catalogName: batch.catalogVersion.catalog.name,
      providerName: batch.providerDept.name,
    },
    fields: def.fields,
    items: items.map((i) => ({
      id: i.id,
      rowNumber: i.rowNumber,
      values: maskValues(def.fields, unsealJson<RowValues>(i.fixSealed ?? i.rowSealed)),
      problems: readProblems(i.problems),
      explanation: i.explanation,
    })),
  };
}

export async function submitReview(
  user: CurrentUser,
  taskId: string,
  input: ReviewDecisionsInput,
  ip: string | null,
): Promise<TaskActionReply> {
  const task = await ensureCanAct(user, taskId);
  const batchId = batchIdOf(task, 'SUSPECT_REVIEW');
  const itemIds = input.decisions.map((d) => d.itemId);
  await db.$transaction(async (tx) => {
    await claimExplainedItems(tx, batchId, itemIds);
    for (const d of input.decisions) {
      await tx.suspectItem.update({
        where: { id: d.itemId },
        data: {
          reviewDecision: d.decision,
          reviewComment: d.comment || null,
          reviewedById: user.id,
          reviewedAt: new Date(),
        },
      });
    }
  });
  return submitTaskAction({
    task,
    user,
    ip,
    action: 'review',
    data: { itemIds },
    audit: {
      action: 'REVIEW',
      objectType: 'SuspectItem',
      objectId: batchId,
      detail: {
        accepted: input.decisions.filter((d) => d.decision === 'ACCEPT').length,
        returned: input.decisions.filter((d) => d.decision === 'RETURN').length,
      },
    },
    // Only this submission decided these rows; refused, they wait for a decision again.
    undo: () =>
      db.suspectItem.updateMany({
        where: { id: { in: itemIds }, status: 'EXPLAINED', reviewedById: user.id },
        data: { reviewDecision: null, reviewedById: null, reviewedAt: null },
      }),
  });
}
