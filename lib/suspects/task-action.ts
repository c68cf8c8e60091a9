// Hands an inbox action to the workflow that owns the task, as a Temporal Update (by name: the app never
// loads workflow code). The workflow's validator refuses a closed or busy task before anything is recorded;
// that refusal reaches the user as a conflict.
import { WorkflowUpdateFailedError } from '@temporalio/client';
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
