// The department explains why a returned row is right and asks the credit centre to accept it as it is
// . The explanation is saved first, then the workflow is told; the centre decides in its own task.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { ensureCanAct } from '@/lib/tasks/inbox';
import type { TaskActionReply } from '@/workflows/human-task';
import { batchIdOf } from './fix-task';
import { submitSaved } from './task-action';

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
  const eventIds = await db.$transaction(async (tx) => {
    const items = await tx.suspectItem.findMany({
      where: { id: { in: itemIds }, batchId, status: 'OPEN' },
      select: { id: true, round: true },
    });
    if (items.length !== input.rows.length) throw new ConflictError('部分数据已处理或不属于本任务，请刷新页面');
    const roundOf = new Map(items.map((i) => [i.id, i.round + 1]));
    for (const r of input.rows) {
      await tx.suspectItem.update({
        where: { id: r.itemId },
        // A new explanation is decided afresh: the centre's earlier decision and comment no longer apply.
        data: { status: 'EXPLAINED', explanation: r.explanation, reviewDecision: null },
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
    return created.map((e) => e.id);
  });
  return submitSaved({
    task,
    user,
    ip,
    action: 'explain',
    itemIds,
    audit: { objectType: 'SuspectItem', objectId: batchId, detail: { explained: itemIds.length } },
    undo: () =>
      db.$transaction([
        db.suspectItem.updateMany({ where: { id: { in: itemIds }, status: 'EXPLAINED' }, data: { status: 'OPEN' } }),
        db.fixEvent.deleteMany({ where: { id: { in: eventIds } } }),
      ]),
  });
}
