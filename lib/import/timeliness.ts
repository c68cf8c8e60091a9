// 双公示 timeliness at insert (lib/records/timeliness.ts has the rule and the pass for records stored later):
// a new record is late when its batch was handed in more than the catalog's working days after the decision.
// One import has one reported day, so the answer depends only on the decision day and is memoised.
import { isLate, type WorkdayCalendar } from '@/lib/calendar/workdays';

export interface Timeliness {
  limitWorkdays: number;
  /** The batch's upload time (ms since the epoch): the day the department reported its rows. */
  reportedAt: number;
  calendar: WorkdayCalendar;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function lateness({ limitWorkdays, reportedAt, calendar }: Timeliness): (day: string | null) => boolean {
  // As lib/records/timeliness.ts: the reported Shanghai calendar day, at its midnight.
  const reportedDay = new Date(reportedAt + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  const reported = new Date(`${reportedDay}T00:00:00+08:00`);
  const memo = new Map<string, boolean>();
  return (day) => {
    if (!day) return false;
    let late = memo.get(day);
    if (late === undefined) {
      late = isLate(new Date(`${day}T00:00:00Z`), reported, limitWorkdays, calendar);
      memo.set(day, late);
    }
    return late;
  };
}
