// One chunk of an import in one transaction: its records (COPY), its suspect items, the batch's counters and
// the resume cursor commit together, so a worker killed mid-file resumes after the last committed chunk with
// no duplicate and no lost row. The batch row is locked first: a second runner of the same activity waits,
// then sees the cursor moved and skips what is already stored.
import type pg from 'pg';
import type { Problem, RowValues } from '@/lib/catalog/types';
import { sealJson } from '@/lib/crypto/pii';
import type { PreparedRecord, PreparedRow } from './prepare-row';
import { pgRunner, utcTimestamp } from './sql';
import type { SubjectCache } from './subjects';
import { writeRecords, type StoreContext } from './write-records';

export interface PreparedChunk {
  rows: PreparedRow[];
  /** A row as read: a row that fails 关联比对 is kept, sealed, as it was read. */
  rawOf: (rowNumber: number) => RowValues;
  /** The cursor after this chunk: its last row, or the last (empty) row read before it was cut. */
  lastRow: number;
}

export async function commitChunk(
  client: pg.ClientBase,
  ctx: StoreContext,
  chunk: PreparedChunk,
  cache: SubjectCache,
): Promise<void> {
  const sql = pgRunner(client);
  await client.query('BEGIN');
  try {
    const [batch] = await sql.query<{ cursor: number }>(
      'SELECT cursor FROM "ImportBatch" WHERE id = $1::uuid FOR UPDATE',
      [ctx.batchId],
    );
    if (!batch) throw new Error(`batch ${ctx.batchId} is gone`);
    const pending = chunk.rows.filter((r) => r.rowNumber > batch.cursor);
    const records = pending.filter((r): r is PreparedRow & PreparedRecord & { ok: true } => r.ok);
    const { outcomes, createdSubjects } = await writeRecords(sql, ctx, records, cache);

    const suspects: { rowNumber: number; problems: Problem[]; rowSealed: string }[] = [];
    for (const r of pending) if (!r.ok) suspects.push(r);
    for (const o of outcomes) {
      if (o.outcome === 'SUSPECT') {
        suspects.push({ rowNumber: o.rowNumber, problems: o.problems, rowSealed: sealJson(chunk.rawOf(o.rowNumber)) });
      }
    }
    if (suspects.length) {
      const now = utcTimestamp(new Date());
      await sql.query(
        `INSERT INTO "SuspectItem" (id, "batchId", "rowNumber", "rowSealed", problems, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, s.row, s.sealed, s.problems::jsonb, $2::timestamp, $2::timestamp
           FROM unnest($3::int[], $4::text[], $5::text[]) AS s(row, sealed, problems)
         ON CONFLICT ("batchId", "rowNumber") DO NOTHING`,
        [
          ctx.batchId,
          now,
          suspects.map((s) => s.rowNumber),
          suspects.map((s) => s.rowSealed),
          suspects.map((s) => JSON.stringify(s.problems)),
        ],
      );
    }
    const count = (k: string) => outcomes.filter((o) => o.outcome === k).length;
    await sql.query(
      `UPDATE "ImportBatch"
          SET cursor = GREATEST(cursor, $2), "rowsRead" = "rowsRead" + $3, "rowsStored" = "rowsStored" + $4,
              "rowsUpdated" = "rowsUpdated" + $5, "rowsDuplicate" = "rowsDuplicate" + $6,
              "rowsSuspect" = "rowsSuspect" + $7
        WHERE id = $1::uuid`,
      [
        ctx.batchId,
        chunk.lastRow,
        pending.length,
        count('STORED'),
        count('UPDATED'),
        count('DUPLICATE'),
        suspects.length,
      ],
    );
    await client.query('COMMIT');
    for (const s of createdSubjects) cache.add(s.ref.kind, s.ref.key, { id: s.id, name: s.ref.name });
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
