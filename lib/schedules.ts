// Making sure a Temporal Schedule exists, for every schedule of the platform (the worker's at its start, an
// administrator's change of a timing), on the process's one Temporal client (lib/temporal.ts).
// Creating is idempotent: an existing schedule keeps its state, so an administrator's pause in the Temporal UI
// holds across restarts, and its action, so a worker started on another task queue (a test's, a one-off's)
// never takes a schedule away from the workers that serve it.
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
  type ScheduleOptionsAction,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { taskQueue as configuredQueue, temporal } from '@/lib/temporal';
import type { WorkflowType } from '@/workflows/contracts';

export interface ScheduleDefinition {
  scheduleId: string;
  spec: ScheduleSpec;
  workflowType: WorkflowType;
  /** Temporal appends the scheduled time to it, so each run has its own id. Default: the schedule id. */
  workflowId?: string;
  args?: unknown[];
  /** Default: the configured task queue (TEMPORAL_TASK_QUEUE). */
  taskQueue?: string;
  /** What a run still busy when the next is due does to that next one. Default SKIP: never two at once. */
  overlap?: ScheduleOverlapPolicy;
  /** How late a missed run (server down at the time) is still made up. Default one day. */
  catchupWindow?: Duration;
  /**
   * An existing schedule: `keep` leaves it as it is; `timing` gives it this spec (the timing is a setting that
   * may have changed since), keeping its state and action.
   */
  whenExists: 'keep' | 'timing';
}

export type EnsureOutcome = 'created' | 'kept' | 'retimed';

export async function ensureSchedule(
  definition: ScheduleDefinition,
  client: Client = temporal(),
): Promise<EnsureOutcome> {
  const { scheduleId, spec } = definition;
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: definition.workflowType,
    workflowId: definition.workflowId ?? scheduleId,
    taskQueue: definition.taskQueue ?? configuredQueue(),
    args: definition.args ?? [],
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: {
        overlap: definition.overlap ?? ScheduleOverlapPolicy.SKIP,
        catchupWindow: definition.catchupWindow ?? '1 day',
      },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  if (definition.whenExists === 'keep') return 'kept';
  await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec }));
  return 'retimed';
}
