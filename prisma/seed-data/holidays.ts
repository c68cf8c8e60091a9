// 2026 public holidays and make-up working days, from 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
// Only exceptions to the Monday–Friday week are listed: weekdays off (HOLIDAY) and weekend days worked (WORKDAY).
// Later years are maintained by administrators as calendar data when each year's notice is published,
// so no code change is needed.

export interface SeedCalendarDay {
  date: string; // YYYY-MM-DD, Asia/Shanghai
  kind: 'HOLIDAY' | 'WORKDAY';
  name: string;
}

export const holidays2026: SeedCalendarDay[] = [
  // 元旦: Jan 1 (Thu) – Jan 3 (Sat) off; Sun Jan 4 worked.
  { date: '2026-01-01', kind: 'HOLIDAY', name: '元旦' },
  { date: '2026-01-02', kind: 'HOLIDAY', name: '元旦' },
  { date: '2026-01-04', kind: 'WORKDAY', name: '元旦调休上班' },
  // 春节: Feb 15 (Sun) – Feb 23 (Mon) off; Sat Feb 14 and Sat Feb 28 worked.
  { date: '2026-02-14', kind: 'WORKDAY', name: '春节调休上班' },
  { date: '2026-02-16', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-17', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-18', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-19', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-20', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-23', kind: 'HOLIDAY', name: '春节' },
  { date: '2026-02-28', kind: 'WORKDAY', name: '春节调休上班' },
  // 清明节: Apr 4 (Sat) – Apr 6 (Mon) off.
  { date: '2026-04-06', kind: 'HOLIDAY', name: '清明节' },
  // 劳动节: May 1 (Fri) – May 5 (Tue) off; Sat May 9 worked.
  { date: '2026-05-01', kind: 'HOLIDAY', name: '劳动节' },
  { date: '2026-05-04', kind: 'HOLIDAY', name: '劳动节' },
  { date: '2026-05-05', kind: 'HOLIDAY', name: '劳动节' },
  { date: '2026-05-09', kind: 'WORKDAY', name: '劳动节调休上班' },
  // 端午节: Jun 19 (Fri) – Jun 21 (Sun) off.
  { date: '2026-06-19', kind: 'HOLIDAY', name: '端午节' },
  // 中秋节: Sep 25 (Fri) – Sep 27 (Sun) off.
  { date: '2026-09-25', kind: 'HOLIDAY', name: '中秋节' },
  // 国庆节: Oct 1 (Thu) – Oct 7 (Wed) off; Sun Sep 20 and Sat Oct 10 worked.
  { date: '2026-09-20', kind: 'WORKDAY', name: '国庆节调休上班' },
  { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-02', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-05', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-06', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-07', kind: 'HOLIDAY', name: '国庆节' },
  { date: '2026-10-10', kind: 'WORKDAY', name: '国庆节调休上班' },
];
