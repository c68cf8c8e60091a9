// Inbox projection writes for the human-task helper (workflows/human-task.ts). Task ids derive from the
// workflow id and the step, so a retried activity updates the same row.
import { Context } from '@temporalio/activity';
import { closeTaskRow, escalateTaskRow, openTaskRow, remindTaskRow } from '@/lib/tasks/projection';
import type { HumanTaskSpec } from '../workflows/contracts';
import type { ActivityDeps } from './index';

export function createTaskActivities({ db }: ActivityDeps) {
  return {
    async openTask(spec: HumanTaskSpec): Promise<{ taskId: string; dueAt: number; escalateAt: number }> {
      const { workflowExecution, workflowType } = Context.current().info;
      if (!workflowExecution || !workflowType) throw new Error('openTask runs only inside a workflow');
      return openTaskRow(db, { ...spec, workflowId: workflowExecution.workflowId, workflowType });
    },
    async remindTask(input: { taskId: string }): Promise<void> {
      await remindTaskRow(db, input.taskId);
    },
    async escalateTask(input: { taskId: string }): Promise<void> {
      await escalateTaskRow(db, input.taskId);
    },
    async closeTask(input: { taskId: string; completedById: string | null }): Promise<void> {
      await closeTaskRow(db, input.taskId, input.completedById);
    },
  };
}
