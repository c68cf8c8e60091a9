// The filters of a staff records list: subject, providing department, decision-date range and
// publication status, plus the keyset cursor. One zod schema for the API's query string and the page's
// search params, so both refuse the same bad input with the same Chinese message.
import { z } from 'zod';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { publicRecordWhere } from '@/lib/publication/rule';
import type { Prisma } from '@/lib/db';
import { cursorParam } from '@/lib/subjects/cursor';

/** Publication status a staff user may filter by; each is one reason a record is (not) on the public site. */
export const RECORD_STATUSES = ['public', 'hidden', 'expired', 'withdrawn', 'repaired', 'restricted'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_STATUS_LABEL: Record<RecordStatus, string> = {
  public: '公示中',
  hidden: '未公示（任一原因）',
  expired: '公示期满',
  withdrawn: '已撤销',
  repaired: '已修复',
  restricted: '受控',
};

const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const recordFilterSchema = z
  .object({
    subject: z.preprocess(blankToUndefined, z.uuid({ error: '主体编号无效' }).optional()),
    dept: z.preprocess(blankToUndefined, z.uuid({ error: '部门编号无效' }).optional()),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
    status: z.preprocess(blankToUndefined, z.enum(RECORD_STATUSES, { error: '公示状态无效' }).optional()),
    after: z.preprocess(blankToUndefined, cursorParam),
    before: z.preprocess(blankToUndefined, cursorParam),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { error: '开始日期不能晚于结束日期' })
  .refine((f) => !(f.after && f.before), { error: '翻页参数冲突，请回到第一页重新查询' });

export type RecordFilter = z.infer<typeof recordFilterSchema>;

/** The filter as a Prisma condition (without the cursor and the viewer's scope, which the caller adds). */
export function recordFilterWhere(
  f: RecordFilter,
  publicCatalogIds: readonly string[],
  now: Date = new Date(),
): Prisma.CreditRecordWhereInput[] {
  const today = dayKeyOf(now);
  const and: Prisma.CreditRecordWhereInput[] = [];
  if (f.subject) and.push({ subjectId: f.subject });
  if (f.dept) and.push({ providerDeptId: f.dept });
  if (f.from) and.push({ decisionDate: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ decisionDate: { lte: new Date(`${f.to}T00:00:00Z`) } });
  switch (f.status) {
    case 'public':
      and.push(publicRecordWhere(today, publicCatalogIds));
      break;
    case 'hidden':
      and.push({ NOT: publicRecordWhere(today, publicCatalogIds) });
      break;
    case 'expired':
      and.push({ publicityEnd: { lt: new Date(`${today}T00:00:00Z`) } });
      break;
    case 'withdrawn':
      and.push({ withdrawnAt: { not: null } });
      break;
    case 'repaired':
      and.push({ repairedAt: { not: null } });
      break;
    case 'restricted':
      and.push({ subject: { restricted: true } });
      break;
  }
  return and;
}
