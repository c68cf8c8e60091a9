// Stores checked rows inside one Prisma transaction: the path of the fix loop and of accepted or
// corrected rows, a few rows at a time. The import itself stores whole chunks through the same write path
// (./write-records.ts) on its own connection, with COPY (./commit-chunk.ts).
import type { Prisma } from '@/lib/db';
import type { RowValues } from '@/lib/catalog/types';
import { NO_KEY, prepareValues, type PreparedRecord } from './prepare-row';
import { prismaRunner } from './sql';
import { writeRecords, type RowOutcome, type StoreContext } from './write-records';

export type { RowOutcome, StoreContext } from './write-records';

export interface RowToStore {
  rowNumber: number;
  values: RowValues;
}

export async function storeRows(
  tx: Prisma.TransactionClient,
  ctx: StoreContext,
  rows: RowToStore[],
): Promise<RowOutcome[]> {
  const outcomes = new Map<number, RowOutcome>();
  const prepared: PreparedRecord[] = [];
  for (const row of rows) {
    const p = prepareValues(ctx.def, row.rowNumber, row.values);
    if (p) prepared.push(p);
    else outcomes.set(row.rowNumber, { rowNumber: row.rowNumber, outcome: 'SUSPECT', problems: [NO_KEY] });
  }
  const written = await writeRecords(prismaRunner(tx), ctx, prepared);
  for (const o of written.outcomes) outcomes.set(o.rowNumber, o);
  return rows.map((r) => outcomes.get(r.rowNumber)!);
}
