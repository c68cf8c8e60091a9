// Working-day arithmetic for statutory deadlines (双公示 7 working days, dispute and repair limits).
// Pure and clock-free so Temporal workflows can use it deterministically. Days are China (Asia/Shanghai)
// calendar days; Shanghai has been UTC+8 without DST since 1991, so a fixed offset is exact.

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** 'YYYY-MM-DD' → HOLIDAY (a weekday off) or WORKDAY (a weekend day worked, 调休). Other days follow the week. */
export type WorkdayCalendar = ReadonlyMap<string, CalendarDayKind>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** China keeps UTC+8 all year: the one offset every Shanghai day and time in the code base is computed with. */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function buildCalendar(entries: Iterable<{ date: string; kind: CalendarDayKind }>): WorkdayCalendar {
  const cal = new Map<string, CalendarDayKind>();
  for (const { date, kind } of entries) cal.set(date, kind);
  return cal;
}

/**
 * The Shanghai calendar date of an instant, as 'YYYY-MM-DD'. A date-only value stored as UTC midnight
 * (Prisma @db.Date) and the same day's Shanghai midnight both map to that day.
 */
export function dayKeyOf(date: Date | number): string {
  const t = typeof date === 'number' ? date : date.getTime();
  if (lastKey?.t === t) return lastKey.key;
  if (Number.isNaN(t)) throw new RangeError('invalid date');
  lastKey = { t, key: new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10) };
  return lastKey.key;
}
// An import asks for the same instant a million times (each row is checked against one day): the last is kept.
let lastKey: { t: number; key: string } | undefined;

/** The Shanghai wall-clock time of an instant, as 'YYYY-MM-DDTHH:mm:ss.sss' (stamps in file names and exports). */
export function shanghaiTimeOf(date: Date | number): string {
  const t = typeof date === 'number' ? date : date.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 23);
}

export function isWorkday(dayKey: string, cal: WorkdayCalendar): boolean {
  const override = cal.get(dayKey);
  if (override !== undefined) return override === 'WORKDAY';
  const weekday = utcMidnight(dayKey).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** End (23:59:59.999 Shanghai) of the n-th working day after the day of `from`; that day itself never counts. */
export function addWorkdays(from: Date, n: number, cal: WorkdayCalendar): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let day = utcMidnight(dayKeyOf(from));
  let counted = 0;
  while (counted < n) {
    day = new Date(day.getTime() + DAY_MS);
    if (isWorkday(day.toISOString().slice(0, 10), cal)) counted++;
  }
  return new Date(day.getTime() + DAY_MS - 1 - SHANGHAI_OFFSET_MS);
}

/** Working days strictly after the day of `from`, up to and including the day of `to`; 0 when `to` is not later. */
export function workdaysBetween(from: Date, to: Date, cal: WorkdayCalendar): number {
  const last = utcMidnight(dayKeyOf(to)).getTime();
  let count = 0;
  for (let t = utcMidnight(dayKeyOf(from)).getTime() + DAY_MS; t <= last; t += DAY_MS) {
    if (isWorkday(new Date(t).toISOString().slice(0, 10), cal)) count++;
  }
  return count;
}

/** Whether a report made at `reportedAt` missed the limit of `limitWorkdays` working days after the decision. */
export function isLate(decisionDate: Date, reportedAt: Date, limitWorkdays: number, cal: WorkdayCalendar): boolean {
  return reportedAt.getTime() > addWorkdays(decisionDate, limitWorkdays, cal).getTime();
}

function utcMidnight(dayKey: string): Date {
  const d = new Date(`${dayKey}T00:00:00Z`);
  // The round trip rejects impossible dates such as 2026-02-30, which Date would silently roll over.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dayKey) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== dayKey) {
    throw new RangeError(`invalid day key '${dayKey}'`);
  }
  return d;
}
