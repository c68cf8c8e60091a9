// Stores prepared rows inside the caller's transaction: deduplication by natural key and fingerprint,
// 关联比对 against registered subjects, lineage on every record. A few statements per set of rows whatever its
// size: one lookup of existing keys, the subject lookups, then the new records in one COPY (or one
// INSERT … SELECT FROM unnest), the revisions and the updates of changed repeats in one statement each.
import type { CatalogDef, Problem } from '@/lib/catalog/types';
import { timeOrderedUuid } from './ids';
import type { LateOf } from './timeliness';
import type { PreparedRecord } from './prepare-row';
import { copyLine, utcTimestamp, type SqlRunner } from './sql';
import { resolveSubjects, type NewSubject, type SubjectCache } from './subjects';

export type RowOutcome =
  | { rowNumber: number; outcome: 'STORED' | 'UPDATED' | 'DUPLICATE'; recordId: string }
  | { rowNumber: number; outcome: 'SUSPECT'; problems: Problem[] };

export interface StoreContext {
  def: CatalogDef;
  batchId: string;
  providerDeptId: string;
  /**
   * Whether a record is reported late (双公示 timeliness), decided as it is written so an import needs no
   * second pass over its records: a new record by this batch, a changed repeat by when its record was first
   * stored. Absent: new records start on time, changed ones keep their flag, and the caller flags them
   * (lib/records/timeliness.ts), as the fix loop does.
   */
  lateOf?: LateOf;
}

/** A record's state as the plan sees it: in the database, or about to be inserted by this set. */
interface RecordState {
  id: string;
  fingerprint: string;
  revision: number;
  data: string;
  sealed: string | null;
  catalogVersionId: string;
  batchId: string;
  rowNumber: number;
  subjectId: string | null;
  decisionDate: string | null;
  publicityStart: string | null;
  publicityMinEnd: string | null;
  publicityEnd: string | null;
  key: string;
  /** When the record was first stored (ms); null while it is about to be inserted by this set. */
  createdMs: number | null;
  pending: boolean;
}

const RECORD_COLUMNS = [
  'id',
  'catalogId',
  'catalogVersionId',
  'subjectId',
  'providerDeptId',
  'naturalKey',
  'fingerprint',
  'data',
  'sealed',
  'batchId',
  'rowNumber',
  'revision',
  'decisionDate',
  'reportedLate',
  'publicityStart',
  'publicityMinEnd',
  'publicityEnd',
  'createdAt',
  'updatedAt',
] as const;

export async function writeRecords(
  sql: SqlRunner,
  ctx: StoreContext,
  rows: readonly PreparedRecord[],
  cache?: SubjectCache,
): Promise<{ outcomes: RowOutcome[]; createdSubjects: NewSubject[] }> {
  if (!rows.length) return { outcomes: [], createdSubjects: [] };
  const now = utcTimestamp(new Date());
  const { byRow: subjects, created } = await resolveSubjects(sql, rows, cache);
  const byKey = await existingRecords(sql, ctx.def.catalogId, rows);

  const inserts = new Map<string, RecordState>();
  const updates = new Map<string, RecordState>();
  const revisions: RecordState[] = [];
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const subject = subjects.get(row.rowNumber);
    if (subject && 'problem' in subject) {
      outcomes.push({ rowNumber: row.rowNumber, outcome: 'SUSPECT', problems: [subject.problem] });
      continue;
    }
    const prior = byKey.get(row.key);
    if (prior && prior.fingerprint === row.fingerprint) {
      outcomes.push({ rowNumber: row.rowNumber, outcome: 'DUPLICATE', recordId: prior.id });
      continue;
    }
    const next: RecordState = {
      id: prior?.id ?? timeOrderedUuid(),
      fingerprint: row.fingerprint,
      revision: prior ? prior.revision + 1 : 1,
      data: row.data,
      sealed: row.sealed,
      catalogVersionId: ctx.def.versionId,
      batchId: ctx.batchId,
      rowNumber: row.rowNumber,
      subjectId: subject?.id ?? null,
      decisionDate: row.decisionDate,
      // Set on every write, so a revision that changes a date or the severity moves the window with it.
      publicityStart: row.publicity?.start ?? null,
      publicityMinEnd: row.publicity?.minEnd ?? null,
      publicityEnd: row.publicity?.end ?? null,
      key: row.key,
      createdMs: prior?.createdMs ?? null,
      pending: prior?.pending ?? true,
    };
    // A changed repeat keeps the old state as a revision, then the record takes the new values.
    if (prior) revisions.push(prior);
    (next.pending ? inserts : updates).set(next.id, next);
    byKey.set(row.key, next);
    outcomes.push({ rowNumber: row.rowNumber, outcome: prior ? 'UPDATED' : 'STORED', recordId: next.id });
  }

  if (inserts.size) await insertRecords(sql, ctx, [...inserts.values()], now);
  if (revisions.length) await insertRevisions(sql, revisions, now);
  if (updates.size) await updateRecords(sql, ctx, [...updates.values()], now);
  return { outcomes, createdSubjects: created };
}

async function existingRecords(
  sql: SqlRunner,
  catalogId: string,
  rows: readonly PreparedRecord[],
): Promise<Map<string, RecordState>> {
  const found = await sql.query<Omit<RecordState, 'pending'>>(
    `SELECT id::text AS id, "naturalKey" AS key, fingerprint, revision, data::text AS data, sealed,
            "catalogVersionId"::text AS "catalogVersionId", "batchId"::text AS "batchId", "rowNumber",
            "subjectId"::text AS "subjectId", to_char("decisionDate", 'YYYY-MM-DD') AS "decisionDate",
            to_char("publicityStart", 'YYYY-MM-DD') AS "publicityStart",
            to_char("publicityMinEnd", 'YYYY-MM-DD') AS "publicityMinEnd",
            to_char("publicityEnd", 'YYYY-MM-DD') AS "publicityEnd",
            (extract(epoch FROM "createdAt") * 1000)::float8 AS "createdMs"
       FROM "CreditRecord" WHERE "catalogId" = $1::uuid AND "naturalKey" = ANY($2::text[])`,
    [catalogId, [...new Set(rows.map((r) => r.key))]],
  );
  return new Map(found.map((r) => [r.key, { ...r, pending: false }]));
}

async function insertRecords(sql: SqlRunner, ctx: StoreContext, rows: RecordState[], now: string): Promise<void> {
  const { catalogId } = ctx.def;
  const late = (day: string | null) => (ctx.lateOf?.(day) ? 't' : 'f');
  const values = (r: RecordState) =>
    [
      r.id,
      catalogId,
      r.catalogVersionId,
      r.subjectId,
      ctx.providerDeptId,
      r.key,
      r.fingerprint,
      r.data,
      r.sealed,
      r.batchId,
      r.rowNumber,
      r.revision,
      r.decisionDate,
      late(r.decisionDate),
      r.publicityStart,
      r.publicityMinEnd,
      r.publicityEnd,
      now,
      now,
    ] as const;
  if (sql.copy) {
    await sql.copy(
      'CreditRecord',
      RECORD_COLUMNS,
      (function* () {
        for (const r of rows) yield copyLine(values(r));
      })(),
    );
    return;
  }
  const columns = RECORD_COLUMNS.map((c) => `"${c}"`).join(', ');
  await sql.query(
    `INSERT INTO "CreditRecord" (${columns})
     SELECT u.id, $2::uuid, u.ver, u.subject, $3::uuid, u.key, u.fp, u.data::jsonb, u.sealed, u.batch, u.row, u.rev,
            u.dd::date, u.late, u.ps::date, u.pm::date, u.pe::date, $1::timestamp, $1::timestamp
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[],
                   $12::int[], $13::int[], $14::text[], $15::boolean[], $16::text[], $17::text[], $18::text[])
         AS u(id, ver, subject, key, fp, data, sealed, batch, row, rev, dd, late, ps, pm, pe)`,
    [
      now,
      catalogId,
      ctx.providerDeptId,
      ...columnsOf(rows),
      rows.map((r) => late(r.decisionDate) === 't'),
      ...publicityColumnsOf(rows),
    ],
  );
}

async function insertRevisions(sql: SqlRunner, rows: RecordState[], now: string): Promise<void> {
  await sql.query(
    `INSERT INTO "CreditRecordRevision"
            ("recordId", revision, data, sealed, fingerprint, "catalogVersionId", "batchId", "rowNumber", "createdAt")
     SELECT u.id, u.rev, u.data::jsonb, u.sealed, u.fp, u.ver, u.batch, u.row, $1::timestamp
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                   $10::int[], $11::int[], $12::text[])
         AS u(id, ver, subject, key, fp, data, sealed, batch, row, rev, dd)`,
    [now, ...columnsOf(rows)],
  );
}

async function updateRecords(sql: SqlRunner, ctx: StoreContext, rows: RecordState[], now: string): Promise<void> {
  // Records stored before this set (createdMs is set): the new decision date is judged against their first report.
  const late = rows.map((r) => (ctx.lateOf ? ctx.lateOf(r.decisionDate, r.createdMs ?? undefined) : null));
  await sql.query(
    `UPDATE "CreditRecord" r
        SET data = u.data::jsonb, sealed = u.sealed, fingerprint = u.fp, revision = u.rev, "batchId" = u.batch,
            "rowNumber" = u.row, "catalogVersionId" = u.ver, "subjectId" = u.subject, "decisionDate" = u.dd::date,
            "reportedLate" = COALESCE(u.late, r."reportedLate"), "publicityStart" = u.ps::date,
            "publicityMinEnd" = u.pm::date, "publicityEnd" = u.pe::date, "updatedAt" = $1::timestamp
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                   $10::int[], $11::int[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::text[])
         AS u(id, ver, subject, key, fp, data, sealed, batch, row, rev, dd, late, ps, pm, pe)
      WHERE r.id = u.id`,
    [now, ...columnsOf(rows), late, ...publicityColumnsOf(rows)],
  );
}

// The same eleven arrays for every unnest above, in the order of their AS u(…) lists.
function columnsOf(rows: RecordState[]): unknown[] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.catalogVersionId),
    rows.map((r) => r.subjectId),
    rows.map((r) => r.key),
    rows.map((r) => r.fingerprint),
    rows.map((r) => r.data),
    rows.map((r) => r.sealed),
    rows.map((r) => r.batchId),
    rows.map((r) => r.rowNumber),
    rows.map((r) => r.revision),
    rows.map((r) => r.decisionDate),
  ];
}

// The publicity window (start, minimum end, end) of new and updated records; revisions do not keep it.
function publicityColumnsOf(rows: RecordState[]): unknown[] {
  return [rows.map((r) => r.publicityStart), rows.map((r) => r.publicityMinEnd), rows.map((r) => r.publicityEnd)];
}
