// Timeliness of 双公示 records: a record reported more than CatalogVersion.timelinessWorkdays working days
// after its decision date is flagged (reportedLate), never rejected. A record counts as reported when its
// department first handed it in: the upload of the batch, or the record's creation when that came earlier
// (a changed repeat moves the record to the later batch but was reported with the first one).
import { loadCalendar } from '@/lib/calendar/load';
import { isLate } from '@/lib/calendar/workdays';
import type { Db } from '@/lib/db';

// Shanghai calendar day of a timestamp column (stored as UTC without zone): UTC+8 has no DST.
const REPORTED_DAY = `(LEAST(r."createdAt", b."createdAt") + interval '8 hours')::date`;

/**
 * Sets reportedLate on the records of a batch (or only the given records of it) in one UPDATE … FROM.
 * Idempotent: lateness depends only on the decision day and the reported day, computed on the working-day
 * calendar for each distinct pair. Returns how many records changed their flag (counting the batch's late
 * records would read all of a large batch on every fix).
 */
export async function flagLateRecords(
  db: Db,
  batchId: string,
  recordIds?: string[],
  opts: { changedOnly?: boolean } = {},
): Promise<number> {
  const batch = await db.importBatch.findUnique({
    where: { id: batchId },
    select: { catalogVersion: { select: { timelinessWorkdays: true } } },
  });
  if (!batch) return 0;
  const limit = batch.catalogVersion.timelinessWorkdays;
  const only = recordIds ?? null;
  // After an import: its new records were flagged at insert (lib/import/timeliness.ts); only the records it
  // changed (a changed repeat keeps its flag, perhaps for another decision day) are looked at again.
  const changed = opts.changedOnly ? `AND r.revision > 1` : '';
  const pairs = limit
    ? await db.$queryRawUnsafe<{ d: string; rd: string }[]>(
        `SELECT DISTINCT to_char(r."decisionDate", 'YYYY-MM-DD') AS d, to_char(${REPORTED_DAY}, 'YYYY-MM-DD') AS rd
           FROM "CreditRecord" r JOIN "ImportBatch" b ON b.id = r."batchId"
          WHERE r."batchId" = $1::uuid AND r."decisionDate" IS NOT NULL AND ($2::uuid[] IS NULL OR r.id = ANY($2::uuid[]))
                ${changed}`,
        batchId,
        only,
      )
    : [];
  const calendar = pairs.length ? await loadCalendar(db) : new Map();
  const late = pairs.filter((p) =>
    isLate(new Date(`${p.d}T00:00:00Z`), new Date(`${p.rd}T00:00:00+08:00`), limit!, calendar),
  );
  // Only rows whose flag changes are written: a batch of a million on-time rows costs a scan, not a rewrite.
  const isLateSql = `EXISTS (SELECT 1 FROM unnest($2::date[], $3::date[]) AS l(d, rd)
                          WHERE l.d = r."decisionDate" AND l.rd = ${REPORTED_DAY})`;
  return db.$executeRawUnsafe(
    `UPDATE "CreditRecord" r SET "reportedLate" = ${isLateSql}
       FROM "ImportBatch" b
      WHERE b.id = r."batchId" AND r."batchId" = $1::uuid AND ($4::uuid[] IS NULL OR r.id = ANY($4::uuid[]))
        ${changed} AND r."reportedLate" <> ${isLateSql}`,
    batchId,
    late.map((p) => p.d),
    late.map((p) => p.rd),
    only,
  );
}

/** Statistics: records reported late, overall and per providing department, within a filter. */
export async function lateCounts(
  db: Db,
  where: { batchId?: string; providerDeptId?: string; providerDeptIds?: string[] | null } = {},
): Promise<{ total: number; late: number }> {
  const filter = {
    ...(where.batchId ? { batchId: where.batchId } : {}),
    ...(where.providerDeptId ? { providerDeptId: where.providerDeptId } : {}),
    ...(where.providerDeptIds ? { providerDeptId: { in: where.providerDeptIds } } : {}),
  };
  const [total, late] = await Promise.all([
    db.creditRecord.count({ where: filter }),
    db.creditRecord.count({ where: { ...filter, reportedLate: true } }),
  ]);
  return { total, late };
}
