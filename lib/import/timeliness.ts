// 双公示 timeliness at insert (lib/records/timeliness.ts has the rule and the pass for records stored later):
// a record is late when it was handed in more than the catalog's working days after the decision: a new record
// with its batch, a changed repeat when its record was first stored. Memoised per decision and reported day.
import { dayKeyOf, isLate, type WorkdayCalendar } from '@/lib/calendar/workdays';

export interface Timeliness {
  limitWorkdays: number;
  /** The batch's upload time (ms since the epoch): the day the department reported its rows. */
  reportedAt: number;
  calendar: WorkdayCalendar;
}

/** Whether a record with this decision day is late; `firstReportedAt` (ms) for a record stored before. */
export type LateOf = (decisionDay: string | null, firstReportedAt?: number) => boolean;

export function lateness({ limitWorkdays, reportedAt, calendar }: Timeliness): LateOf {
  const batchDay = dayKeyOf(reportedAt);
  const memo = new Map<string, boolean>();
  return (day, firstReportedAt) => {
    if (!day) return false;
    // A changed repeat was reported when its record was first stored, if that came before this batch.
    const reportedDay =
      firstReportedAt === undefined || firstReportedAt >= reportedAt ? batchDay : dayKeyOf(firstReportedAt);
    const key = reportedDay === batchDay ? day : `${day}|${reportedDay}`; // no string built for most rows
    let late = memo.get(key);
    if (late === undefined) {
      late = isLate(new Date(`${day}T00:00:00Z`), new Date(`${reportedDay}T00:00:00+08:00`), limitWorkdays, calendar);
      memo.set(key, late);
    }
    return late;
  };
}
