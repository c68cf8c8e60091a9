// The four GROUP BY queries behind the statistics (R-2.4), one per source table. Each groups by department,
// by catalog and by period at once (GROUPING SETS), so the whole dashboard costs four index range scans.
// Timestamps are UTC `timestamp(3)` columns; periods are cut in Beijing time (UTC+8, no daylight saving).
import { db, Prisma } from '@/lib/db';
import type { Counts } from './metrics';
import type { StatsFilter } from './filter';

/** Which grouping set a row belongs to (GROUPING(dept, catalog, period): a 1 bit = not grouped by). */
export const SET = { dept: 0b011, catalog: 0b101, period: 0b110, total: 0b111 } as const;

export interface SourceRow {
  g: number;
  dept: string | null;
  catalog: string | null;
  period: string | null;
  counts: Partial<Counts>;
}

/** Audit-log actions that are reads of credit data ("queries made"): record search, record view, reveal. */
const CREDIT_READS: [module: string, action: string][] = [
  ['record', 'QUERY'],
  ['record', 'VIEW'],
  ['personal', 'READ'],
];

const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
// The granularity is one of three literals (zod enum), inlined so the GROUP BY and GROUPING() expressions
// are textually the same; as a bind parameter they would differ and PostgreSQL would refuse the query.
const bucket = (f: StatsFilter, column: Prisma.Sql) =>
  Prisma.sql`to_char(date_trunc(${Prisma.raw(`'${f.granularity}'`)}, ${column} + interval '8 hours'), 'YYYY-MM-DD')`;
const inDepts = (column: Prisma.Sql, ids: string[]) =>
  Prisma.sql`${column} IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
const uuidOf = (text: Prisma.Sql) => Prisma.sql`(CASE WHEN ${text} ~ '^[0-9a-fA-F-]{36}$' THEN (${text})::uuid END)`;

interface Dims {
  dept: Prisma.Sql;
  catalog: Prisma.Sql;
  time: Prisma.Sql;
}

async function grouped(
  f: StatsFilter,
  scope: string[] | null,
  dims: Dims,
  select: Prisma.Sql,
  from: Prisma.Sql,
  where: Prisma.Sql[],
): Promise<SourceRow[]> {
  const period = bucket(f, dims.time);
  const conditions = [
    Prisma.sql`${dims.time} >= ${utc(f.fromUtc)}`,
    Prisma.sql`${dims.time} < ${utc(f.toUtc)}`,
    ...where,
    ...(scope ? [inDepts(dims.dept, scope)] : []),
    ...(f.deptId ? [Prisma.sql`${dims.dept} = ${f.deptId}::uuid`] : []),
    ...(f.catalogId ? [Prisma.sql`${dims.catalog} = ${f.catalogId}::uuid`] : []),
  ];
  const rows = await db.$queryRaw<
    ({ g: number; dept: string | null; catalog: string | null; period: string | null } & Record<
      string,
      bigint | number
    >)[]
  >`
    SELECT GROUPING(${dims.dept}, ${dims.catalog}, ${period})::int AS g,
      ${dims.dept}::text AS dept, ${dims.catalog}::text AS catalog, ${period} AS period, ${select}
    FROM ${from}
    WHERE ${Prisma.join(conditions, ' AND ')}
    GROUP BY GROUPING SETS ((${dims.dept}), (${dims.catalog}), (${period}), ())`;
  return rows.map(({ g, dept, catalog, period: p, ...rest }) => ({
    g,
    dept,
    catalog,
    period: p,
    counts: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Number(v)])),
  }));
}

/** Batches and their row counters, by providing department, catalog and creation date. */
export function batchSource(f: StatsFilter, scope: string[] | null) {
  return grouped(
    f,
    scope,
    { dept: Prisma.sql`b."providerDeptId"`, catalog: Prisma.sql`cv."catalogId"`, time: Prisma.sql`b."createdAt"` },
    Prisma.sql`count(*)::int AS batches, coalesce(sum(b."rowsRead"), 0)::bigint AS rows,
      coalesce(sum(b."rowsStored" + b."rowsUpdated" + b."rowsDuplicate"), 0)::bigint AS valid,
      coalesce(sum(b."rowsDuplicate"), 0)::bigint AS duplicate, coalesce(sum(b."rowsSuspect"), 0)::bigint AS suspect,
      coalesce(sum(b."rowsFixed"), 0)::bigint AS fixed`,
    Prisma.sql`"ImportBatch" b JOIN "CatalogVersion" cv ON cv.id = b."catalogVersionId"`,
    [],
  );
}

/**
 * Overdue tasks: due in the period and still open after the deadline, or completed after it. The catalog is
 * the one of the batch a task is about (subjectRef.batchId); tasks about no batch have none.
 */
export function overdueSource(f: StatsFilter, scope: string[] | null) {
  return grouped(
    f,
    scope,
    { dept: Prisma.sql`t."candidateDeptId"`, catalog: Prisma.sql`cv."catalogId"`, time: Prisma.sql`t."dueAt"` },
    Prisma.sql`count(*)::int AS overdue`,
    Prisma.sql`"Task" t
      LEFT JOIN "ImportBatch" b ON b.id = ${uuidOf(Prisma.sql`t."subjectRef"->>'batchId'`)}
      LEFT JOIN "CatalogVersion" cv ON cv.id = b."catalogVersionId"`,
    [
      Prisma.sql`t.status <> 'CANCELLED'`,
      Prisma.sql`((t.status = 'OPEN' AND t."dueAt" < (now() AT TIME ZONE 'UTC'))
        OR (t.status = 'COMPLETED' AND t."completedAt" > t."dueAt"))`,
    ],
  );
}

/** Credit records stored, and those reported late, by providing department, catalog and storage date. */
export function recordSource(f: StatsFilter, scope: string[] | null) {
  return grouped(
    f,
    scope,
    { dept: Prisma.sql`r."providerDeptId"`, catalog: Prisma.sql`r."catalogId"`, time: Prisma.sql`r."createdAt"` },
    Prisma.sql`count(*)::int AS records, count(*) FILTER (WHERE r."reportedLate")::int AS late`,
    Prisma.sql`"CreditRecord" r`,
    [],
  );
}

/**
 * Queries made: audit-log reads of credit data, by the reader's department and the catalog read (the
 * searched catalog, or the catalog of the record viewed).
 */
export function querySource(f: StatsFilter, scope: string[] | null) {
  const pairs = CREDIT_READS.map(([m, a]) => Prisma.sql`(a.module = ${m} AND a.action = ${a})`);
  return grouped(
    f,
    scope,
    {
      dept: Prisma.sql`a."deptId"`,
      catalog: Prisma.sql`coalesce(CASE WHEN a."objectType" = 'Catalog' THEN ${uuidOf(Prisma.sql`a."objectId"`)} END, cr."catalogId")`,
      time: Prisma.sql`a."at"`,
    },
    Prisma.sql`count(*)::int AS queries`,
    Prisma.sql`"AuditLog" a LEFT JOIN "CreditRecord" cr
      ON a."objectType" = 'CreditRecord' AND cr.id = ${uuidOf(Prisma.sql`a."objectId"`)}`,
    [Prisma.sql`(${Prisma.join(pairs, ' OR ')})`, Prisma.sql`a.result = 'OK'`],
  );
}
