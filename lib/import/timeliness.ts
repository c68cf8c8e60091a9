// 双公示 timeliness at insert (lib/records/timeliness.ts has the rule and the pass for records stored later):
// a record is late when it was handed in more than the catalog's working days after the decision: a new record
// with its batch, a changed repeat when its record was first stored. Memoised per decision and reported day.
import { isLate, type WorkdayCalendar } from '@/lib/calendar/workdays';

export interface Timeliness {
  limitWorkdays: number;
  /** The batch's upload time (ms since the epoch): the day the department reported its rows. */
  reportedAt: number;
  calendar: WorkdayCalendar;
}

/** Whether a record with this decision day is late; `firstReportedAt` (ms) for a record stored before. */
export type LateOf = (decisionDay: string | null, firstReportedAt?: number) => boolean;

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function lateness({ limitWorkdays, reportedAt, calendar }: Timeliness): LateOf {
  const batchDay = shanghaiDay(reportedAt);
  const memo = new Map<string, boolean>();
  return (day, firstReportedAt) => {
    if (!day) return false;
    // A changed repeat was reported when its record was first stored, if that came before this batch.
    const reportedDay =
      firstReportedAt === undefined || firstReportedAt >= reportedAt ? batchDay : shanghaiDay(firstReportedAt);
    const key = reportedDay === batchDay ? day : `${day}|${reportedDay}`; // no string built for most rows
    let late = memo.get(key);
    if (late === undefined) {
      late = isLate(new Date(`${day}T00:00:00Z`), new Date(`${reportedDay}T00:00:00+08:00`), limitWorkdays, calendar);
      memo.set(key, late);
    }
    return late;
  };
}

/** As lib/records/timeliness.ts: the Shanghai calendar day of a moment (ms). */
function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
