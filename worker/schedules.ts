// The Schedules the worker makes sure exist when it starts, each with lib/schedules.ts's ensureSchedule on the
// process's one Temporal client. A schedule that cannot be registered is reported and must not keep the worker
// from serving the running workflows. A new process with a timetable adds one line here.
import { ensureBackupSchedule } from '../lib/backup/schedule';
import { ensureDropFolderSchedule } from '../lib/exchange/schedule';
import { ensureSchedule } from '../lib/schedules';

export const DORMANT_SCHEDULE_ID = 'disable-dormant-accounts';

const ensureDormantAccountsSchedule = () =>
  ensureSchedule({
    scheduleId: DORMANT_SCHEDULE_ID,
    // 02:30 Beijing time, written in UTC: no dependency on the server's time-zone database.
    spec: { calendars: [{ hour: 18, minute: 30, comment: '02:30 Asia/Shanghai' }] },
    workflowType: 'disableDormantAccounts',
    whenExists: 'keep',
  });

const SCHEDULES: [name: string, ensure: () => Promise<unknown>][] = [
  ['dormant-account', ensureDormantAccountsSchedule],
  ['drop-folder', () => ensureDropFolderSchedule()],
  ['backup', ensureBackupSchedule],
];

export async function ensureSchedules(): Promise<void> {
  for (const [name, ensure] of SCHEDULES) {
    await ensure().catch((err: unknown) => console.error(`${name} schedule not registered:`, err));
  }
}
