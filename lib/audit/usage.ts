// Usage statistics from the audit log: how much each person, module and department used the
// platform in a period, and day by day. One GROUPING SETS query over the (at) index range; audit:view only.
import type { CurrentUser } from '@/lib/auth/load-user';
import { db, Prisma } from '@/lib/db';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { periodBuckets, resolveFilter, type StatsQuery } from '@/lib/stats/filter';
import { MODULE_LABELS, requireAuditPermission } from './query';

/** The busiest people listed; the rest are summed into the totals only. */
const TOP_PEOPLE = 30;

export interface UsageRow {
  key: string;
  label: string;
  total: number;
  failed: number;
}

export interface UsageStats {
  from: string;
  to: string;
  total: number;
  failed: number;
  byPerson: (UsageRow & { deptName: string | null })[];
  byModule: UsageRow[];
  byDepartment: UsageRow[];
  byDay: UsageRow[];
}

interface Raw {
  g: number;
  username: string | null;
  dept: string | null;
  module: string | null;
  day: string | null;
  total: bigint;
  failed: bigint;
}

export async function usageStats(
  user: CurrentUser,
  query: Pick<StatsQuery, 'from' | 'to'>,
  ip: string | null,
): Promise<UsageStats> {
  await requireAuditPermission(user, 'audit:view', ip);
  // The same Beijing-day period as the dashboard, by default the last 30 days; one bucket per day, at most a year.
  const to = query.to ?? dayKeyOf(Date.now());
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const f = resolveFilter({ from, to, granularity: 'day' });
  const day = Prisma.sql`to_char(l."at" + interval '8 hours', 'YYYY-MM-DD')`;
  const rows = await db.$queryRaw<Raw[]>`
    SELECT GROUPING(l.username, l."deptId", l.module, ${day})::int AS g, l.username, l."deptId"::text AS dept,
      l.module, ${day} AS day, count(*) AS total, count(*) FILTER (WHERE l.result <> 'OK') AS failed
    FROM "AuditLog" l
    WHERE l."at" >= (${f.fromUtc.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND l."at" < (${f.toUtc.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    GROUP BY GROUPING SETS ((l.username, l."deptId"), (l.module), (l."deptId"), (${day}), ())`;
  const depts = new Map(
    (await db.department.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d.name]),
  );
  const of = (g: number) => rows.filter((r) => r.g === g);
  const n = (v: bigint) => Number(v);
  const sorted = <T extends UsageRow>(list: T[]) => list.sort((a, b) => b.total - a.total);
  const total = of(0b1111)[0];

  return {
    from: f.from,
    to: f.to,
    total: total ? n(total.total) : 0,
    failed: total ? n(total.failed) : 0,
    // (username, deptId): a person is a name within a department; sign-in failures of unknown names count too.
    byPerson: sorted(
      of(0b0011).map((r) => ({
        key: `${r.username ?? ''}|${r.dept ?? ''}`,
        label: r.username ?? '（未识别用户）',
        deptName: r.dept ? (depts.get(r.dept) ?? null) : null,
        total: n(r.total),
        failed: n(r.failed),
      })),
    ).slice(0, TOP_PEOPLE),
    byModule: sorted(
      of(0b1101).map((r) => ({
        key: r.module!,
        label: MODULE_LABELS[r.module!] ?? r.module!,
        total: n(r.total),
        failed: n(r.failed),
      })),
    ),
    byDepartment: sorted(
      of(0b1011).map((r) => ({
        key: r.dept ?? '',
        label: r.dept ? (depts.get(r.dept) ?? r.dept) : '（无部门）',
        total: n(r.total),
        failed: n(r.failed),
      })),
    ),
    // Every day of the period, quiet days included, so the chart's time axis is true.
    byDay: periodBuckets(f).map((key) => {
      const r = of(0b1110).find((x) => x.day === key);
      return { key, label: key, total: r ? n(r.total) : 0, failed: r ? n(r.failed) : 0 };
    }),
  };
}
