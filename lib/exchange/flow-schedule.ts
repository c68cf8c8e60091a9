// Each enabled exchange flow has its own Temporal Schedule: a 5-field cron (Asia/Shanghai) or an
// interval in minutes. Changing a flow brings its schedule to the new timing; disabling or stopping it pauses
// the schedule; a flow with neither cron nor interval runs on demand only (no schedule, or a paused one).
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureSchedule } from '@/lib/schedules';
import { temporal } from '@/lib/temporal';
import { EXCHANGE_FLOW_RUN_WORKFLOW, exchangeFlowScheduleId } from '@/workflows/contracts';

export interface FlowTiming {
  id: string;
  enabled: boolean;
  cron: string | null;
  intervalMinutes: number | null;
  stoppedReason: string | null;
}

export async function syncFlowSchedule(flow: FlowTiming, client: Client = temporal(), taskQueue?: string) {
  const scheduleId = exchangeFlowScheduleId(flow.id);
  const handle = client.schedule.getHandle(scheduleId);
  const timed = flow.cron || flow.intervalMinutes;
  if (!timed) {
    await handle.delete().catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    return;
  }
  const spec = flow.cron
    ? { cronExpressions: [flow.cron], timezone: 'Asia/Shanghai' }
    : { intervals: [{ every: `${flow.intervalMinutes}m` }] };
  await ensureSchedule(
    {
      scheduleId,
      spec,
      workflowType: EXCHANGE_FLOW_RUN_WORKFLOW,
      args: [{ flowId: flow.id, trigger: 'SCHEDULE' }],
      taskQueue,
      overlap: ScheduleOverlapPolicy.SKIP,
      catchupWindow: '10 minutes',
      whenExists: 'timing',
    },
    client,
  );
  const active = flow.enabled && !flow.stoppedReason;
  const described = await handle.describe();
  if (active && described.state.paused) await handle.unpause('流程已启用');
  if (!active && !described.state.paused) await handle.pause(flow.stoppedReason ? '流程已停止' : '流程已停用');
}

/** The next and last scheduled run, for the management page; null when the flow has no schedule. */
export async function flowScheduleInfo(flowId: string, client: Client = temporal()) {
  try {
    const d = await client.schedule.getHandle(exchangeFlowScheduleId(flowId)).describe();
    return { paused: d.state.paused, next: d.state.paused ? null : (d.info.nextActionTimes[0] ?? null) };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return null;
    throw err;
  }
}
