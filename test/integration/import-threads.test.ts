// Where an import checks its rows: on a thread of its own (machines with cores to spare) or on the
// import's thread between the database's replies (two cores, as here). Both must store, refuse and explain
// exactly the same rows, across chunk boundaries.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { processBatchFile } from '../../lib/import/process-file';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';

afterAll(() => db.$disconnect());

async function importWith(checkThread: boolean): Promise<{ counts: unknown; suspects: [number, string[]][] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'import-threads-')), `checks-${checkThread}.xlsx`);
  // 7,000 rows: the first chunks are cut at 1,000 and 2,000 rows, so the rows span four chunks.
  await writePenaltyXlsx(
    path,
    penaltyRows(7000, { faultEvery: 37, prefix: `CT${checkThread ? 1 : 0}-${Date.now()}-` }),
  );
  // No worker listens on this queue: the import runs here, with the chosen placement of the checks.
  const batch = await uploadAs('scjgj01', 'ADMIN_PENALTY', path, 'nobody-listens');
  await db.importBatch.update({ where: { id: batch.id }, data: { status: 'PROCESSING' } });
  const result = await processBatchFile(db, batch.id, () => {}, { checkThread });
  const suspects = await db.suspectItem.findMany({ where: { batchId: batch.id }, orderBy: { rowNumber: 'asc' } });
  return {
    counts: { ...result, stored: await db.creditRecord.count({ where: { batchId: batch.id } }) },
    suspects: suspects.map((s) => [
      s.rowNumber,
      (s.problems as { code: string; field: string | null }[]).map((p) => `${p.field}:${p.code}`),
    ]),
  };
}

describe('where the checks of an import run', () => {
  it('R-2.1 stores and refuses the same rows with the same reasons on a checking thread and inline', async () => {
    const threaded = await importWith(true);
    const inline = await importWith(false);
    expect(threaded.counts).toMatchObject({ rowsRead: 7000, rowsSuspect: threaded.suspects.length });
    expect(threaded.suspects.length).toBe(Math.floor(7000 / 37)); // every 37th row carries a fault
    expect(inline).toEqual(threaded);
  });
});
