// The human-task pattern (docs/architecture.md), written once: open an inbox task through an idempotent activity,
// accept actions on it through a Temporal Update (validated before anything is written to history), and
// remind and escalate on the working-day deadline the activity computed. Workflows call runHumanTask().
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  isTaskActionName,
  TASK_ACTION_UPDATE,
  taskActionPayloadProblem,
  type HumanTaskSpec,
  type TaskActionInput,
  type TaskActionName,
  type TaskActionReply,
  type TaskActor,
} from './contracts';

export interface HumanTaskHooks<A extends TaskActionName = TaskActionName> {
  /** Actions this task accepts; anything else is rejected by the validator. */
  actions: readonly A[];
  /** Runs one accepted action (its payload checked by the validator); returns done when the task is finished. */
  onAction(input: TaskActionInput<A>): Promise<TaskActionReply>;
  onReminder?(): Promise<void>;
  onEscalation?(): Promise<void>;
}

export interface HumanTaskResult {
  taskId: string;
  reminded: boolean;
  escalated: boolean;
  completedBy?: TaskActor;
}

// Update, not signal: the person acting in the inbox must learn at once whether the action was accepted.
export const taskActionUpdate = wf.defineUpdate<TaskActionReply, [TaskActionInput]>(TASK_ACTION_UPDATE);

const { openTask, remindTask, escalateTask, closeTask } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function runHumanTask<A extends TaskActionName>(
  spec: HumanTaskSpec,
  hooks: HumanTaskHooks<A>,
): Promise<HumanTaskResult> {
  const opened = await openTask(spec);
  let done = false;
  let busy = false;
  let completedBy: TaskActor | undefined;

  wf.setHandler(
    taskActionUpdate,
    async (input) => {
      busy = true;
      try {
        // The validator let only this task's actions through (replayed Updates skip it, as they were accepted).
        const reply = await hooks.onAction(input as TaskActionInput<A>);
        if (reply.done) {
          done = true;
          completedBy = input.actor;
        }
        return reply;
      } finally {
        busy = false;
      }
    },
    {
      validator: (input) => {
        if (input.taskId !== opened.taskId) throw new wf.ApplicationFailure('任务不存在或已更换', 'WrongTask');
        if (done) throw new wf.ApplicationFailure('任务已办结', 'TaskClosed');
        if (busy) throw new wf.ApplicationFailure('任务正在处理上一次提交，请稍后再试', 'TaskBusy');
        const action: unknown = input.action;
        if (!isTaskActionName(action) || !(hooks.actions as readonly TaskActionName[]).includes(action))
          throw new wf.ApplicationFailure(`不支持的操作：${String(action)}`, 'BadAction');
        const problem = taskActionPayloadProblem(action, input.data);
        if (problem) throw new wf.ApplicationFailure(problem, 'BadPayload');
      },
    },
  );

  let reminded = false;
  let escalated = false;
  while (!done) {
    const deadline = !reminded ? opened.dueAt : !escalated ? opened.escalateAt : undefined;
    if (deadline === undefined) {
      await wf.condition(() => done);
      break;
    }
    if (await wf.condition(() => done, Math.max(1, deadline - Date.now()))) break;
    if (!reminded) {
      reminded = true;
      await remindTask({ taskId: opened.taskId });
      await hooks.onReminder?.();
    } else {
      escalated = true;
      await escalateTask({ taskId: opened.taskId });
      await hooks.onEscalation?.();
    }
  }
  await wf.condition(wf.allHandlersFinished);
  await closeTask({ taskId: opened.taskId, completedById: completedBy?.id ?? null });
  return { taskId: opened.taskId, reminded, escalated, completedBy };
}
