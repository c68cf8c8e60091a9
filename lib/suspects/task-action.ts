// Hands an inbox action to the workflow that owns the task, as a Temporal Update (by name: the app never
// loads workflow code). The workflow's validator refuses a closed or busy task before anything is recorded;
// that refusal reaches the user as a conflict.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit, type AuditEntry } from '@/lib/audit';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { temporal } from '@/lib/temporal';
import type { TaskActionInput, TaskActionReply } from '@/workflows/human-task';

export async function sendTaskAction(
  task: { id: string; workflowId: string },
  actor: { id: string; displayName: string },
  action: string,
  data: Record<string, unknown>,
): Promise<TaskActionReply> {
  try {
    return await temporal()
      .workflow.getHandle(task.workflowId)
      .executeUpdate<TaskActionReply, [TaskActionInput]>('taskAction', {
        args: [{ taskId: task.id, actor: { id: actor.id, name: actor.displayName }, action, data }],
      });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError)
      throw new ConflictError(err.cause?.message ?? '任务状态已变化，请刷新页面');
    throw err;
  }
}

/**
 * Hands answers saved beforehand (rows resubmitted or explained, feedback answered) to the workflow, and audits
 * them. A refusal (task closed or busy) means nothing happened there: `undo` takes the saved answers back, so
 * nothing is left half-submitted. Any other failure may come after the workflow took them (a lost reply, a
 * timeout): its activity applies them, so they stay.
 */
export async function submitSaved(input: {
  task: { id: string; workflowId: string };
  user: CurrentUser;
  ip: string | null;
  action: string;
  itemIds: string[];
  audit: Pick<AuditEntry, 'objectType' | 'objectId' | 'detail'>;
  undo: () => Promise<unknown>;
}): Promise<TaskActionReply> {
  const { task, user } = input;
  let reply: TaskActionReply;
  try {
    reply = await sendTaskAction(task, user, input.action, { itemIds: input.itemIds });
  } catch (err) {
    if (err instanceof ConflictError) await input.undo();
    throw err;
  }
  await writeAudit(db, {
    ...actorOf(user, input.ip),
    module: 'data',
    action: 'UPDATE',
    ...input.audit,
  });
  return reply;
}
