// The backup schedule, made sure of at worker start. Creating is idempotent; an existing schedule
// gets the configured timing (BACKUP_CRON or BACKUP_INTERVAL) but keeps its state, so a pause set by an
// administrator in the Temporal UI holds across restarts.
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Env } from '@/lib/env';

export const BACKUP_SCHEDULE_ID = 'backup-scheduled';

export function backupScheduleSpec(config: Pick<Env, 'BACKUP_CRON' | 'BACKUP_INTERVAL'>): ScheduleSpec {
  // Cron in UTC: no dependency on the server's time-zone database (default 19:00 UTC = 03:00 Beijing).
  return config.BACKUP_INTERVAL
    ? { intervals: [{ every: config.BACKUP_INTERVAL as `${number}h` }] }
    : { cronExpressions: [config.BACKUP_CRON] };
}

export async function ensureBackupSchedule(config: Env): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const spec = backupScheduleSpec(config);
    try {
      await client.schedule.create({
        scheduleId: BACKUP_SCHEDULE_ID,
        spec,
        action: {
          type: 'startWorkflow',
          workflowType: 'backup',
          // Temporal appends the scheduled time, so each run has its own id, which is also the backup's id.
          workflowId: BACKUP_SCHEDULE_ID,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [{ trigger: 'SCHEDULE' }],
        },
        // A backup still running when the next is due is not doubled; a missed run is made up within a day.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(BACKUP_SCHEDULE_ID).update((previous) => ({ ...previous, spec }));
    }
  } finally {
    await connection.close();
  }
}
