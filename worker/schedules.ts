// Schedules the worker makes sure exist when it starts. Creating is idempotent: an existing schedule (from
// an earlier start, or another worker) is left as it is, so an administrator's pause in the Temporal UI holds.
import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Env } from '../lib/env';

export const DORMANT_SCHEDULE_ID = 'disable-dormant-accounts';
export const FILE_SWEEP_SCHEDULE_ID = 'file-store-sweep';

// Times are written in UTC: no dependency on the server's time-zone database.
const SCHEDULES = [
  { id: DORMANT_SCHEDULE_ID, workflowType: 'disableDormantAccounts', hour: 18, minute: 30, comment: '02:30' },
  { id: FILE_SWEEP_SCHEDULE_ID, workflowType: 'fileStoreSweep', hour: 20, minute: 0, comment: '04:00' },
];

export async function ensureSchedules(config: Env): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    for (const s of SCHEDULES) {
      try {
        await client.schedule.create({
          scheduleId: s.id,
          spec: { calendars: [{ hour: s.hour, minute: s.minute, comment: `${s.comment} Asia/Shanghai` }] },
          action: {
            type: 'startWorkflow',
            workflowType: s.workflowType,
            workflowId: s.id,
            taskQueue: config.TEMPORAL_TASK_QUEUE,
            args: [],
          },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
        });
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      }
    }
  } finally {
    await connection.close();
  }
}
