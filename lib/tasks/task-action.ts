// The one step every task screen ends with: hand an inbox action to the workflow that owns the task, as a
// Temporal Update (by name: the app never loads workflow code), and audit it. The workflow's validator
// refuses a closed or busy task, or a malformed payload, before anything is recorded; that refusal reaches
// the user as a conflict, and only then are the answers this request saved beforehand taken back.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit, type AuditEntry } from '@/lib/audit';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { temporal } from '@/lib/temporal';
import {
  TASK_ACTION_UPDATE,
  type TaskActionInput,
  type TaskActionName,
  type TaskActionPayloads,
  type TaskActionReply,
} from '@/workflows/contracts';

export type { TaskActionReply };

/** Thrown as a conflict (409) when the workflow refuses the action: nothing was recorded there. */
export class TaskActionRefused extends ConflictError {}

export async function sendTaskAction<A extends TaskActionName>(
  task: { id: string; workflowId: string },
  actor: { id: string; displayName: string },
  action: A,
  data: TaskActionPayloads[A],
): Promise<TaskActionReply> {
  const input = { taskId: task.id, actor: { id: actor.id, name: actor.displayName }, action, data } as TaskActionInput;
  try {
    return await temporal()
      .workflow.getHandle(task.workflowId)
      .executeUpdate<TaskActionReply, [TaskActionInput]>(TASK_ACTION_UPDATE, { args: [input] });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError)
      throw new TaskActionRefused(err.cause?.message ?? '任务状态已变化，请刷新页面');
    throw err;
  }
}

/**
 * Sends an action whose answers this request saved (and claimed) beforehand, and audits it once the workflow
 * took it. A refusal means nothing happened there: `undo` takes back what this request saved, so nothing is
 * left half-submitted and no trace of the refused request remains. Any other failure may come after the
 * workflow took the action (a lost reply, a timeout): its activity applies the answers, so they stay.
 */
export async function submitTaskAction<A extends TaskActionName>(input: {
  task: { id: string; workflowId: string };
  user: CurrentUser;
  ip: string | null;
  action: A;
  data: TaskActionPayloads[A];
  audit: Pick<AuditEntry, 'objectType' | 'objectId' | 'detail'> & Partial<Pick<AuditEntry, 'action'>>;
  undo?: () => Promise<unknown>;
}): Promise<TaskActionReply> {
  const { task, user } = input;
  let reply: TaskActionReply;
  try {
    reply = await sendTaskAction(task, user, input.action, input.data);
  } catch (err) {
    if (err instanceof TaskActionRefused) await input.undo?.();
    throw err;
  }
  await writeAudit(db, { ...actorOf(user, input.ip), module: 'data', action: 'UPDATE', ...input.audit });
  return reply;
}
