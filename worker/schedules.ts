// Schedules the worker makes sure exist when it starts. Creating is idempotent: an existing schedule (from
// an earlier start, or another worker) is left as it is, so an administrator's pause in the Temporal UI holds.
import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Env } from '../lib/env';

export const DORMANT_SCHEDULE_ID = 'disable-dormant-accounts';
export const PUBLICITY_EXPIRY_SCHEDULE_ID = 'publicity-expiry';

export async function ensureSchedules(config: Env): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await createOnce(() =>
      client.schedule.create({
        scheduleId: PUBLICITY_EXPIRY_SCHEDULE_ID,
        // 00:05 Beijing time, just after the day turned: records whose 公示截止日 was yesterday get 公示期满.
        spec: { calendars: [{ hour: 16, minute: 5, comment: '00:05 Asia/Shanghai' }] },
        action: {
          type: 'startWorkflow',
          workflowType: 'publicityExpiry',
          workflowId: PUBLICITY_EXPIRY_SCHEDULE_ID,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [{}],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      }),
    );
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

// An existing schedule (an earlier start, another worker) is left as it is.
async function createOnce(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
