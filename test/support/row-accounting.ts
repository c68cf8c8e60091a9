// After an import was interrupted (a worker killed mid-file) and resumed: every row of the file is accounted for
// exactly once, as a stored record or a suspect item, and no natural key was stored twice.
import { expect } from 'vitest';
import { db } from '../../lib/db';

export async function expectEveryRowOnce(
  batchId: string,
  rows: number,
  done: { rowsRead: number; rowsStored: number; rowsSuspect: number },
): Promise<void> {
  expect(done.rowsRead).toBe(rows);
  const [records, suspects] = await Promise.all([
    db.creditRecord.findMany({ where: { batchId }, select: { rowNumber: true, naturalKey: true } }),
    db.suspectItem.findMany({ where: { batchId }, select: { rowNumber: true } }),
  ]);
  expect(records.length).toBe(done.rowsStored);
  expect(suspects.length).toBe(done.rowsSuspect);
  expect(new Set(records.map((r) => r.naturalKey)).size).toBe(records.length);
  // Data rows start at row 2, under the header.
  const seen = [...records, ...suspects].map((r) => r.rowNumber).sort((a, b) => a - b);
  expect(seen).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
}
