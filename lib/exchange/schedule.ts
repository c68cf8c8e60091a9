// The Temporal Schedule that reads the exchange drop folders every N minutes, N being the
// administrator's setting; the worker makes sure it exists at start, an administrator's 立即读取 triggers it.
// A run still busy when the next is due is skipped (overlap SKIP), so two scans never read the same inbox.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { auditChange, requireAnyPermission, type AdminContext } from '@/lib/admin/guard';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { ensureSchedule } from '@/lib/schedules';
import { temporal } from '@/lib/temporal';
import { DROP_FOLDER_SCAN_WORKFLOW } from '@/workflows/contracts';
import { EXCHANGE_SETTINGS, exchangeSetting, INTERVAL_KEY } from './settings';

export const DROP_FOLDER_SCHEDULE_ID = 'drop-folder-scan';

/**
 * Creates the schedule, or brings an existing one to the configured interval. The task queue of an existing
 * schedule is left alone: a worker started on another queue (a test's, a one-off's) must not take the
 * county's scans away from the workers that serve them.
 */
export async function ensureDropFolderSchedule(client: Client = temporal(), taskQueue?: string): Promise<void> {
  const minutes = await exchangeSetting(db, INTERVAL_KEY);
  await ensureSchedule(
    {
      scheduleId: DROP_FOLDER_SCHEDULE_ID,
      spec: { intervals: [{ every: `${minutes}m` }] },
      workflowType: DROP_FOLDER_SCAN_WORKFLOW,
      taskQueue,
      catchupWindow: '10 minutes',
      whenExists: 'timing',
    },
    client,
  );
}

const requireExchange = (ctx: AdminContext) => requireAnyPermission(ctx, 'admin:settings');

/** 立即读取: one run now, besides the timetable; a run already busy is not doubled. */
export async function triggerDropFolderScan(ctx: AdminContext): Promise<void> {
  await requireExchange(ctx);
  const handle = temporal().schedule.getHandle(DROP_FOLDER_SCHEDULE_ID);
  try {
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
  } catch (err) {
    // The worker registers the schedule at start; before its first start there is none yet.
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await ensureDropFolderSchedule();
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
  }
  await auditChange(ctx, 'EXCHANGE_SCAN_NOW', 'Schedule', DROP_FOLDER_SCHEDULE_ID);
}

export async function setExchangeSetting(ctx: AdminContext, key: string, value: number): Promise<void> {
  await requireExchange(ctx);
  const def = EXCHANGE_SETTINGS.find((s) => s.key === key);
  if (!def || !Number.isInteger(value) || value < def.min || value > def.max)
    throw new ValidationError(def ? `${def.label}应为${def.min}–${def.max}的整数` : `未知设置“${key}”`);
  const before = await exchangeSetting(db, def.key);
  await db.workflowSetting.upsert({
    where: { key },
    create: { key, value, label: def.label, description: def.description, updatedById: ctx.actor.id },
    update: { value, updatedById: ctx.actor.id },
  });
  if (key === INTERVAL_KEY) await ensureDropFolderSchedule();
  await auditChange(ctx, 'SETTING_UPDATE', 'WorkflowSetting', key, { before, after: value });
}

export async function scheduleInfo(ctx: AdminContext) {
  await requireExchange(ctx);
  try {
    const d = await temporal().schedule.getHandle(DROP_FOLDER_SCHEDULE_ID).describe();
    return {
      exists: true,
      paused: d.state.paused,
      next: d.info.nextActionTimes[0] ?? null,
      last: d.info.recentActions.at(-1)?.takenAt ?? null,
      running: d.info.runningActions.length > 0,
    };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError)
      return { exists: false, paused: false, next: null, last: null, running: false };
    throw err;
  }
}
