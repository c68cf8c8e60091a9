// The least CPU an import of a file can cost, measured in the same run as the import: our reader
// (lib/import/read-rows.ts) and the per-row checks, keys and sealing (lib/import/prepare-row.ts) on one thread,
// with no database and nothing to coordinate. Every imported row must pay at least this much, so it bounds what
// any import design can reach on the machine's cores (reported in results.md beside the goals).
import os from 'node:os';
import { matchHeaders } from '../../lib/catalog/headers';
import type { CatalogDef } from '../../lib/catalog/types';
import { prepareImportRow, rowValuesOf } from '../../lib/import/prepare-row';
import { readRows, type FileFormat } from '../../lib/import/read-rows';

export interface Floor {
  /** Data rows measured (the first ones of the file: the per-row cost does not drift along a generated file). */
  rows: number;
  /** CPU µs per row of reading alone: inflate, decoding and parsing, all threads of this process. */
  readUs: number;
  /** CPU µs per row of checking, hashing the keys and sealing, on top of reading. */
  prepareUs: number;
}

/** Measured over at most this many data rows: long enough to include its garbage collection, short enough to add
 * well under a minute to a run. */
const FLOOR_ROWS = 200_000;

export async function measureFloor(path: string, format: FileFormat, def: CatalogDef): Promise<Floor> {
  const today = new Date();
  // Reading alone before and after, the cheaper one counts: the first pass also pays for compiling the reader.
  const readFirst = await timedPass(path, format, def, () => {});
  const prepared = await timedPass(path, format, def, (rowNumber, cells, columns) => {
    prepareImportRow(def, rowNumber, rowValuesOf(columns, cells), today);
  });
  const readAgain = await timedPass(path, format, def, () => {});
  const read = readFirst.cpuUs <= readAgain.cpuUs ? readFirst : readAgain;
  if (read.rows !== prepared.rows || read.rows === 0) throw new Error('the floor passes read different rows');
  return {
    rows: read.rows,
    readUs: read.cpuUs / read.rows,
    prepareUs: Math.max(0, prepared.cpuUs - read.cpuUs) / read.rows,
  };
}

/** The most rows per second the machine's cores can give at a CPU cost per row. */
export function ceilingRowsPerSecond(cpuUsPerRow: number, cores = os.cpus().length): number {
  return (cores * 1e6) / cpuUsPerRow;
}

async function timedPass(
  path: string,
  format: FileFormat,
  def: CatalogDef,
  onRow: (rowNumber: number, cells: string[], columns: [number, string][]) => void,
): Promise<{ rows: number; cpuUs: number }> {
  const before = process.cpuUsage();
  let columns: [number, string][] | undefined;
  let rows = 0;
  for await (const row of readRows(path, format)) {
    if (!columns) {
      columns = [...matchHeaders(def, row.cells).columns];
      continue;
    }
    onRow(row.rowNumber, row.cells, columns);
    if (++rows >= FLOOR_ROWS) break;
  }
  const used = process.cpuUsage(before);
  return { rows, cpuUs: used.user + used.system };
}
