// The credit centre ends a feedback case: it closes it, or returns chosen items to the provider with
// a comment for another round. Comments are saved first, then the workflow applies the decision.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { ensureCanAct } from '@/lib/tasks/inbox';
import { submitTaskAction, type TaskActionReply } from '@/lib/tasks/task-action';
import { caseIdOf } from './view';

export const feedbackDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('close') }),
  z.object({
    action: z.literal('return'),
    itemIds: z.array(z.string().uuid()).min(1, '请选择要退回的记录').max(200),
    comment: z.string().trim().min(2, '请写明退回意见').max(1000),
  }),
]);
export type FeedbackDecisionInput = z.infer<typeof feedbackDecisionSchema>;

export async function decideFeedback(
  user: CurrentUser,
  taskId: string,
  input: FeedbackDecisionInput,
  ip: string | null,
): Promise<TaskActionReply> {
  const task = await ensureCanAct(user, taskId);
  const caseId = caseIdOf(task, 'FEEDBACK_REVIEW');
  let itemIds: string[] = [];
  if (input.action === 'return') {
    itemIds = [...new Set(input.itemIds)];
    const { count } = await db.feedbackItem.updateMany({
      where: { id: { in: itemIds }, caseId, status: { in: ['CORRECTED', 'EXPLAINED'] } },
      data: { centreComment: input.comment },
    });
    if (count !== itemIds.length) throw new ConflictError('部分记录已处理或不属于本任务，请刷新页面');
  }
  const audit = { objectType: 'FeedbackCase', objectId: caseId, detail: { returned: itemIds.length } };
  return input.action === 'close'
    ? submitTaskAction({ task, user, ip, action: 'close', data: {}, audit: { ...audit, action: 'CLOSE' } })
    : submitTaskAction({ task, user, ip, action: 'return', data: { itemIds }, audit: { ...audit, action: 'RETURN' } });
}
