// The department explains why a returned row is right and asks the credit centre to accept it as it is
// . The rows are claimed and the explanation saved first, then the workflow is told; the centre decides
// in its own task. A submission that loses the claim writes nothing, so it never replaces the winner's text.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { ensureCanAct } from '@/lib/tasks/inbox';
import { submitTaskAction, type TaskActionReply } from '@/lib/tasks/task-action';
import { claimOpenItems } from './claim';
import { batchIdOf } from './fix-task';

export const explainRowsSchema = z.object({
  rows: z
    .array(
      z.object({
        itemId: z.string().uuid(),
        explanation: z.string().trim().min(4, '请写明理由（至少4个字）').max(1000, '理由最多1000字'),
      }),
    )
    .min(1, '请至少为一行写明理由')
    .max(500),
});
export type ExplainRowsInput = z.infer<typeof explainRowsSchema>;

export async function submitExplanations(
  user: CurrentUser,
  taskId: string,
  input: ExplainRowsInput,
  ip: string | null,
): Promise<TaskActionReply> {
  const task = await ensureCanAct(user, taskId);
  const batchId = batchIdOf(task);
  const itemIds = input.rows.map((r) => r.itemId);
  const { claimed, eventIds } = await db.$transaction(async (tx) => {
    const claimed = await claimOpenItems(tx, batchId, itemIds, 'EXPLAINED');
    const roundOf = new Map(claimed.map((i) => [i.id, i.round + 1]));
    for (const r of input.rows) {
      await tx.suspectItem.update({
        where: { id: r.itemId },
        // A new explanation is decided afresh: the centre's earlier decision no longer applies.
        data: { explanation: r.explanation, reviewDecision: null },
      });
    }
    const created = await tx.fixEvent.createManyAndReturn({
      data: input.rows.map((r) => ({
        suspectItemId: r.itemId,
        round: roundOf.get(r.itemId)!,
        kind: 'EXPLAINED',
        message: `${user.displayName} 说明数据无误，申请信用中心确认：${r.explanation}`,
        actorId: user.id,
        actorName: user.displayName,
      })),
      select: { id: true },
    });
    return { claimed, eventIds: created.map((e) => e.id) };
  });
  return submitTaskAction({
    task,
    user,
    ip,
    action: 'explain',
    data: { itemIds },
    audit: { objectType: 'SuspectItem', objectId: batchId, detail: { explained: itemIds.length } },
    // Only this submission claimed these rows: each goes back to OPEN with what it said before.
    undo: () =>
      db.$transaction([
        ...claimed.map((c) =>
          db.suspectItem.updateMany({
            where: { id: c.id, status: 'EXPLAINED' },
            data: { status: 'OPEN', explanation: c.explanation, reviewDecision: c.reviewDecision },
          }),
        ),
        db.fixEvent.deleteMany({ where: { id: { in: eventIds } } }),
      ]),
  });
}
