// The Schedules the worker makes sure exist when it starts, each with lib/schedules.ts's ensureSchedule on the
// process's one Temporal client. A schedule that cannot be registered is reported and must not keep the worker
// from serving the running workflows. A new process with a timetable adds one line here.
import { ensureBackupSchedule } from '../lib/backup/schedule';
import { ensureDropFolderSchedule } from '../lib/exchange/schedule';
import { ensureSchedule } from '../lib/schedules';
import {
  CITY_UPLOAD_SCHEDULE_ID,
  CITY_UPLOAD_WORKFLOW,
  DORMANT_ACCOUNTS_WORKFLOW,
  FILE_STORE_SWEEP_WORKFLOW,
  PUBLICITY_EXPIRY_WORKFLOW,
} from '../workflows/contracts';

export const DORMANT_SCHEDULE_ID = 'disable-dormant-accounts';
export const PUBLICITY_EXPIRY_SCHEDULE_ID = 'publicity-expiry';
export const FILE_SWEEP_SCHEDULE_ID = 'file-store-sweep';

const ensureDormantAccountsSchedule = () =>
  ensureSchedule({
    scheduleId: DORMANT_SCHEDULE_ID,
    // 02:30 Beijing time, written in UTC: no dependency on the server's time-zone database.
    spec: { calendars: [{ hour: 18, minute: 30, comment: '02:30 Asia/Shanghai' }] },
    workflowType: DORMANT_ACCOUNTS_WORKFLOW,
    whenExists: 'keep',
  });

const ensurePublicityExpirySchedule = () =>
  ensureSchedule({
    scheduleId: PUBLICITY_EXPIRY_SCHEDULE_ID,
    // 00:05 Beijing time, just after the day turned: records whose 公示截止日 was yesterday get 公示期满.
    spec: { calendars: [{ hour: 16, minute: 5, comment: '00:05 Asia/Shanghai' }] },
    workflowType: PUBLICITY_EXPIRY_WORKFLOW,
    args: [{}],
    whenExists: 'keep',
  });

const ensureFileSweepSchedule = () =>
  ensureSchedule({
    scheduleId: FILE_SWEEP_SCHEDULE_ID,
    // 04:00 Beijing time, after the night's backup has started.
    spec: { calendars: [{ hour: 20, minute: 0, comment: '04:00 Asia/Shanghai' }] },
    workflowType: FILE_STORE_SWEEP_WORKFLOW,
    whenExists: 'keep',
  });

const ensureCityUploadSchedule = () =>
  ensureSchedule({
    scheduleId: CITY_UPLOAD_SCHEDULE_ID,
    // Every hour at :20: the city sees a new public licence or penalty within the hour; what it did not
    // acknowledge is sent again at the next run.
    spec: { intervals: [{ every: '1 hour', offset: '20 minutes' }] },
    workflowType: CITY_UPLOAD_WORKFLOW,
    whenExists: 'keep',
  });

const SCHEDULES: [name: string, ensure: () => Promise<unknown>][] = [
  ['dormant-account', ensureDormantAccountsSchedule],
  ['drop-folder', () => ensureDropFolderSchedule()],
  ['backup', ensureBackupSchedule],
  ['publicity-expiry', ensurePublicityExpirySchedule],
  ['file-store-sweep', ensureFileSweepSchedule],
  ['city-upload', ensureCityUploadSchedule],
];

export async function ensureSchedules(): Promise<void> {
  for (const [name, ensure] of SCHEDULES) {
    await ensure().catch((err: unknown) => console.error(`${name} schedule not registered:`, err));
  }
}
