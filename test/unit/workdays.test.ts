import { describe, expect, it } from 'vitest';

import {
  addWorkdays,
  buildCalendar,
  dayKeyOf,
  isLate,
  isWorkday,
  shanghaiTimeOf,
  workdaysBetween,
} from '../../lib/calendar/workdays';
import { holidays2026 } from '../../prisma/seed-data/holidays';

const cal2026 = buildCalendar(holidays2026);
const noHolidays = buildCalendar([]);

/** An instant given as Shanghai wall-clock time. */
const sh = (local: string): Date => new Date(`${local}+08:00`);

describe('Shanghai day keys', () => {
  it('maps instants to the Asia/Shanghai calendar day', () => {
    expect(dayKeyOf(new Date('2026-03-05T15:59:59.999Z'))).toBe('2026-03-05');
    expect(dayKeyOf(new Date('2026-03-05T16:00:00Z'))).toBe('2026-03-06');
    // A date-only value stored at UTC midnight stays on its day.
    expect(dayKeyOf(new Date('2026-03-06T00:00:00Z'))).toBe('2026-03-06');
    expect(() => dayKeyOf(new Date('not a date'))).toThrow(RangeError);
  });

  it('gives the Shanghai wall-clock time of an instant for stamps', () => {
    expect(shanghaiTimeOf(new Date('2026-03-05T16:04:05.678Z'))).toBe('2026-03-06T00:04:05.678');
    expect(shanghaiTimeOf(Date.parse('2026-03-05T15:59:00Z'))).toBe('2026-03-05T23:59:00.000');
  });

  it('treats weekends as off and applies HOLIDAY / WORKDAY exceptions', () => {
    expect(isWorkday('2026-03-06', cal2026)).toBe(true); // Friday
    expect(isWorkday('2026-03-07', cal2026)).toBe(false); // Saturday
    expect(isWorkday('2026-10-01', cal2026)).toBe(false); // 国庆节, a Thursday
    expect(isWorkday('2026-10-10', cal2026)).toBe(true); // make-up Saturday
    expect(isWorkday('2026-10-10', noHolidays)).toBe(false);
    expect(() => isWorkday('2026-02-30', cal2026)).toThrow(RangeError);
  });
});

describe('双公示 7-working-day limit', () => {
  it('a Friday decision is due by the end of the Tuesday of the week after next', () => {
    const deadline = addWorkdays(sh('2026-03-06T10:00:00'), 7, cal2026);
    expect(deadline.toISOString()).toBe('2026-03-17T15:59:59.999Z'); // Tue 17 Mar 23:59:59.999 in Shanghai
    expect(dayKeyOf(deadline)).toBe('2026-03-17');
    // The start day never counts, whatever the time of the decision.
    expect(addWorkdays(sh('2026-03-06T00:00:00'), 7, cal2026)).toEqual(deadline);
    expect(addWorkdays(sh('2026-03-06T23:59:00'), 7, cal2026)).toEqual(deadline);
    expect(addWorkdays(new Date('2026-03-06T00:00:00Z'), 7, cal2026)).toEqual(deadline);
  });

  it('flags a report as late only after the last working day has ended', () => {
    const decision = sh('2026-03-06T09:00:00');
    expect(isLate(decision, sh('2026-03-17T23:59:59'), 7, cal2026)).toBe(false);
    expect(isLate(decision, sh('2026-03-18T00:00:00'), 7, cal2026)).toBe(true);
    expect(isLate(decision, sh('2026-03-09T08:00:00'), 7, cal2026)).toBe(false);
  });

  it('skips the 国庆 2026 holidays and counts the Saturday 10 October make-up day', () => {
    const decision = sh('2026-09-30T16:00:00');
    // Oct 8 (1), Oct 9 (2), Sat Oct 10 (3), Oct 12–15 (4–7).
    expect(dayKeyOf(addWorkdays(decision, 7, cal2026))).toBe('2026-10-15');
    expect(dayKeyOf(addWorkdays(decision, 3, cal2026))).toBe('2026-10-10');
    // Without the calendar the same count would end on Friday 9 October.
    expect(dayKeyOf(addWorkdays(decision, 7, noHolidays))).toBe('2026-10-09');
    expect(isLate(decision, sh('2026-10-15T18:00:00'), 7, cal2026)).toBe(false);
    expect(isLate(decision, sh('2026-10-16T08:30:00'), 7, cal2026)).toBe(true);
  });

  it('counts the Sunday 20 September make-up day and skips 中秋 on 25 September', () => {
    // Sun 20 (1), 21–24 (2–5), Fri 25 off, 28 (6), 29 (7).
    expect(dayKeyOf(addWorkdays(sh('2026-09-18T11:00:00'), 7, cal2026))).toBe('2026-09-29');
  });

  it('handles 春节 2026 with its make-up Saturdays 14 and 28 February', () => {
    // Sat 14 (1), 15–23 off, 24–27 (2–5), Sat 28 (6), Mon 2 March (7).
    expect(dayKeyOf(addWorkdays(sh('2026-02-13T10:00:00'), 7, cal2026))).toBe('2026-03-02');
  });

  it('starts counting on the next working day when the decision falls on a weekend', () => {
    expect(dayKeyOf(addWorkdays(sh('2026-03-07T10:00:00'), 1, cal2026))).toBe('2026-03-09');
  });

  it('rejects a limit that is not a positive whole number of working days', () => {
    expect(() => addWorkdays(sh('2026-03-06T10:00:00'), 0, cal2026)).toThrow(RangeError);
    expect(() => addWorkdays(sh('2026-03-06T10:00:00'), 1.5, cal2026)).toThrow(RangeError);
  });
});

describe('workdaysBetween', () => {
  it('counts working days after the start day up to and including the end day', () => {
    expect(workdaysBetween(sh('2026-03-06T10:00:00'), sh('2026-03-17T09:00:00'), cal2026)).toBe(7);
    expect(workdaysBetween(sh('2026-09-30T10:00:00'), sh('2026-10-10T09:00:00'), cal2026)).toBe(3);
    expect(workdaysBetween(sh('2026-03-06T08:00:00'), sh('2026-03-06T18:00:00'), cal2026)).toBe(0);
    expect(workdaysBetween(sh('2026-03-17T08:00:00'), sh('2026-03-06T18:00:00'), cal2026)).toBe(0);
  });

  it('agrees with addWorkdays for every start day of 2026', () => {
    for (let t = sh('2026-01-01T12:00:00').getTime(); t < sh('2026-12-20T12:00:00').getTime(); t += 86_400_000) {
      const from = new Date(t);
      expect(workdaysBetween(from, addWorkdays(from, 7, cal2026), cal2026)).toBe(7);
    }
  });
});

describe('2026 holiday data', () => {
  const weekday = (key: string) => new Date(`${key}T00:00:00Z`).getUTCDay();

  it('lists only weekdays as HOLIDAY and weekend days as WORKDAY, each date once', () => {
    for (const d of holidays2026) {
      expect(d.date).toMatch(/^2026-\d{2}-\d{2}$/);
      if (d.kind === 'HOLIDAY') expect([1, 2, 3, 4, 5], d.date).toContain(weekday(d.date));
      else expect([0, 6], d.date).toContain(weekday(d.date));
    }
    expect(new Set(holidays2026.map((d) => d.date)).size).toBe(holidays2026.length);
  });

  it('gives 2026 its 248 working days (261 weekdays − 19 holidays + 6 make-up days)', () => {
    expect(holidays2026.filter((d) => d.kind === 'HOLIDAY')).toHaveLength(19);
    expect(holidays2026.filter((d) => d.kind === 'WORKDAY')).toHaveLength(6);
    expect(workdaysBetween(sh('2025-12-31T12:00:00'), sh('2026-12-31T12:00:00'), cal2026)).toBe(248);
  });
});
