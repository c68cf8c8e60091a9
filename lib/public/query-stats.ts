// "Queries made" on the public site: every admitted public query counted per kind and day (Beijing
// time) in PublicQueryCount. Counted in memory and written every few seconds as one upsert per (day, kind):
// an upsert per query would make every public query in the county wait on the same row. A crashed process
// loses at most its last interval's counts. What was searched is never part of a count.
import 'server-only';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { db, Prisma } from '@/lib/db';
import type { PublicQueryKind } from './guard';

const FLUSH_MS = 2_000;

interface Pending {
  counts: Map<string, number>;
  timer?: NodeJS.Timeout;
}

// Next's route and page bundles are separate module instances in one process: one accumulator on globalThis.
const KEY = Symbol.for('xinyong-wuzhi.public-query-counts');
const pending = ((globalThis as Record<symbol, unknown>)[KEY] ??= { counts: new Map() }) as Pending;

export function countPublicQuery(kind: PublicQueryKind, now = new Date()): void {
  const key = `${dayKeyOf(now)}|${kind}`;
  pending.counts.set(key, (pending.counts.get(key) ?? 0) + 1);
  if (!pending.timer) {
    pending.timer = setTimeout(() => void flushPublicQueryCounts(), FLUSH_MS);
    pending.timer.unref();
  }
}

/** Writes the counts kept so far (also called on a timer). */
export async function flushPublicQueryCounts(): Promise<void> {
  pending.timer = undefined;
  if (pending.counts.size === 0) return;
  const entries = [...pending.counts];
  pending.counts.clear();
  const values = entries.map(([key, n]) => {
    const [day, kind] = key.split('|') as [string, string];
    return Prisma.sql`(${day}::date, ${kind}, ${n})`;
  });
  try {
    await db.$executeRaw`INSERT INTO "PublicQueryCount" (day, kind, count) VALUES ${Prisma.join(values)}
      ON CONFLICT (day, kind) DO UPDATE SET count = "PublicQueryCount".count + EXCLUDED.count`;
  } catch (err) {
    // Put them back for the next interval rather than lose them to a passing database hiccup.
    for (const [key, n] of entries) pending.counts.set(key, (pending.counts.get(key) ?? 0) + n);
    console.error('public query counts not written:', err instanceof Error ? err.message : err);
  }
}

export const PUBLIC_QUERY_LABELS: Record<PublicQueryKind, string> = {
  SEARCH: '名称检索',
  CODE_LOOKUP: '代码查询',
  PROFILE: '主体信息',
  RECORD: '记录详情',
  PUBLICITY_LIST: '双公示',
  PERSON: '个人查询',
  SELF_QUERY: '本人查询',
  REPORT: '信用报告',
  REPORT_VERIFY: '报告核验',
  ACCOUNT: '账户',
};

export interface PublicQueryStats {
  total: number;
  byKind: { kind: PublicQueryKind; label: string; count: number }[];
  byDay: { day: string; count: number }[];
}

/** Public queries between two days (YYYY-MM-DD, inclusive), for the statistics page. */
export async function publicQueryStats(from: string, to: string): Promise<PublicQueryStats> {
  const rows = await db.$queryRaw<{ day: string; kind: PublicQueryKind; count: bigint }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, count FROM "PublicQueryCount"
     WHERE day BETWEEN ${from}::date AND ${to}::date ORDER BY day, kind`;
  const byKind = new Map<PublicQueryKind, number>();
  const byDay = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const n = Number(r.count);
    total += n;
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + n);
    byDay.set(r.day, (byDay.get(r.day) ?? 0) + n);
  }
  return {
    total,
    byKind: (Object.keys(PUBLIC_QUERY_LABELS) as PublicQueryKind[])
      .filter((k) => byKind.has(k))
      .map((kind) => ({ kind, label: PUBLIC_QUERY_LABELS[kind], count: byKind.get(kind)! })),
    byDay: [...byDay].map(([day, count]) => ({ day, count })),
  };
}
