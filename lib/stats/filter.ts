// The statistics filter: a period of Beijing calendar dates, optionally one department and one
// catalog, and the bucket size of the time series. The page's search params and the API's query parse alike.
import { z } from 'zod';
import { dayKeyOf, SHANGHAI_OFFSET_MS } from '@/lib/calendar/workdays';
import { ValidationError } from '@/lib/errors';

const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const DAY = 86_400_000;
const MAX_DAY_BUCKETS = 366;

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    '日期无效',
  );

export const statsQuerySchema = z.object({
  from: z.preprocess(blankToUndefined, isoDate.optional()),
  to: z.preprocess(blankToUndefined, isoDate.optional()),
  deptId: z.preprocess(blankToUndefined, z.uuid().optional()),
  catalogId: z.preprocess(blankToUndefined, z.uuid().optional()),
  granularity: z.preprocess(blankToUndefined, z.enum(GRANULARITIES).optional()),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export interface StatsFilter {
  /** First and last day of the period (Beijing dates, inclusive). */
  from: string;
  to: string;
  /** The same period as UTC instants: [fromUtc, toUtc). */
  fromUtc: Date;
  toUtc: Date;
  deptId?: string;
  catalogId?: string;
  granularity: Granularity;
}

/** Fills the defaults (the last twelve months by month) and checks the period. */
export function resolveFilter(query: StatsQuery, now = new Date()): StatsFilter {
  const to = query.to ?? dayKeyOf(now);
  const from = query.from ?? defaultFrom(to);
  if (from > to) throw new ValidationError('开始日期不能晚于结束日期');
  const granularity = query.granularity ?? 'month';
  const fromUtc = new Date(Date.parse(`${from}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
  const toUtc = new Date(Date.parse(`${to}T00:00:00Z`) - SHANGHAI_OFFSET_MS + DAY);
  if (granularity === 'day' && (toUtc.getTime() - fromUtc.getTime()) / DAY > MAX_DAY_BUCKETS) {
    throw new ValidationError('按日统计的时间跨度不能超过一年，请按周或按月统计');
  }
  return { from, to, fromUtc, toUtc, deptId: query.deptId, catalogId: query.catalogId, granularity };
}

function defaultFrom(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return d.toISOString().slice(0, 10);
}

/**
 * The bucket keys of the period, in order: the first day of each day, ISO week (Monday) or month, as
 * PostgreSQL's date_trunc gives them, so empty buckets still show on the chart.
 */
export function periodBuckets(filter: Pick<StatsFilter, 'from' | 'to' | 'granularity'>): string[] {
  const keys: string[] = [];
  const end = Date.parse(`${filter.to}T00:00:00Z`);
  const d = new Date(`${filter.from}T00:00:00Z`);
  if (filter.granularity === 'month') d.setUTCDate(1);
  if (filter.granularity === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  while (d.getTime() <= end) {
    keys.push(d.toISOString().slice(0, 10));
    if (filter.granularity === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCDate(d.getUTCDate() + (filter.granularity === 'week' ? 7 : 1));
  }
  return keys;
}

export function bucketLabel(key: string, granularity: Granularity): string {
  if (granularity === 'month') return key.slice(0, 7);
  if (granularity === 'week') return `${key} 周`;
  return key;
}
