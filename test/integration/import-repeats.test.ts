// Repeats inside one file: an exact repeat of an earlier row is counted as a duplicate and stored once;
// a changed repeat updates the record and keeps the earlier values as its revision, also when both rows sit in
// the same chunk of the import.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { penaltyRows, writePenaltyXlsx, type PenaltyRow } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

afterAll(() => db.$disconnect());

describe('repeated rows within one file', () => {
  it('R-2.1 stores an exact repeat once and keeps the earlier values of a changed repeat as a revision', async () => {
    const base = penaltyRows(6, { prefix: `R${Date.now()}-` });
    const changed = (r: PenaltyRow, fine: string): PenaltyRow => ({ ...r, values: { ...r.values, fineAmount: fine } });
    const rows = [
      base[0]!,
      base[1]!,
      base[0]!, // exact repeat → duplicate
      changed(base[1]!, '0.5'), // changed repeat → revision 2
      base[2]!,
      changed(base[1]!, '0.7'), // changed again → revision 3
      base[3]!,
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'repeats-')), 'repeats.xlsx');
    await writePenaltyXlsx(path, rows);
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path);
    const batch = await waitForBatchStatus(id, ['COMPLETED', 'RETURNED', 'FAILED']);

    expect(batch).toMatchObject({ status: 'COMPLETED', rowsRead: 7, rowsStored: 4, rowsDuplicate: 1, rowsUpdated: 2 });
    const records = await db.creditRecord.findMany({
      where: { batchId: id },
      include: { history: { orderBy: { revision: 'asc' } } },
      orderBy: { rowNumber: 'asc' },
    });
    expect(records.map((r) => r.rowNumber)).toEqual([2, 6, 7, 8]);
    const repeated = records.find(
      (r) => (r.data as Record<string, string>).decisionNumber === base[1]!.values.decisionNumber,
    )!;
    expect(repeated).toMatchObject({ revision: 3, rowNumber: 7 });
    expect((repeated.data as Record<string, string>).fineAmount).toBe('0.7');
    expect(
      repeated.history.map((h) => [h.revision, h.rowNumber, (h.data as Record<string, string>).fineAmount]),
    ).toEqual([
      [1, 3, '0.2'],
      [2, 5, '0.5'],
    ]);
    expect(repeated.subjectId).not.toBeNull();
  });
});
