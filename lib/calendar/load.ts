// The working-day calendar as data: holidays and make-up working days kept in CalendarDay.
import type { Db } from '@/lib/db';
import type { WorkdayCalendar } from './workdays';

export async function loadCalendar(db: Db): Promise<WorkdayCalendar> {
  const days = await db.calendarDay.findMany();
  return new Map(days.map((d) => [d.date.toISOString().slice(0, 10), d.kind]));
}
