// Schedules the worker makes sure exist when it starts. Creating is idempotent: an existing schedule (from
// an earlier start, or another worker) is left as it is, so an administrator's pause in the Temporal UI holds.
import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Env } from '../lib/env';

export const DORMANT_SCHEDULE_ID = 'disable-dormant-accounts';

export async function ensureSchedules(config: Env): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await client.schedule.create({
      scheduleId: DORMANT_SCHEDULE_ID,
      // 02:30 Beijing time, written in UTC: no dependency on the server's time-zone database.
      spec: { calendars: [{ hour: 18, minute: 30, comment: '02:30 Asia/Shanghai' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'disableDormantAccounts',
        workflowId: DORMANT_SCHEDULE_ID,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  } finally {
    await connection.close();
  }
}
