// The backup schedule, made sure of at worker start. Creating is idempotent; an existing schedule
// gets the configured timing (BACKUP_CRON or BACKUP_INTERVAL) but keeps its state, so a pause set by an
// administrator in the Temporal UI holds across restarts.
import type { ScheduleSpec } from '@temporalio/client';
import { env, type Env } from '@/lib/env';
import { ensureSchedule, type EnsureOutcome } from '@/lib/schedules';
import { BACKUP_WORKFLOW } from '@/workflows/contracts';

export const BACKUP_SCHEDULE_ID = 'backup-scheduled';

export function backupScheduleSpec(config: Pick<Env, 'BACKUP_CRON' | 'BACKUP_INTERVAL'>): ScheduleSpec {
  // Cron in UTC: no dependency on the server's time-zone database (default 19:00 UTC = 03:00 Beijing).
  return config.BACKUP_INTERVAL
    ? { intervals: [{ every: config.BACKUP_INTERVAL as `${number}h` }] }
    : { cronExpressions: [config.BACKUP_CRON] };
}

export function ensureBackupSchedule(config: Env = env()): Promise<EnsureOutcome> {
  return ensureSchedule({
    scheduleId: BACKUP_SCHEDULE_ID,
    spec: backupScheduleSpec(config),
    workflowType: BACKUP_WORKFLOW,
    // Temporal appends the scheduled time, so each run has its own id, which is also the backup's id.
    args: [{ trigger: 'SCHEDULE' }],
    // A backup still running when the next is due is not doubled (SKIP); a missed run is made up within a day.
    whenExists: 'timing',
  });
}
