// The import of one file, from the batch's cursor on: stream the rows, check them, commit in chunks
// (./commit-chunk.ts: rows, suspect items, counters and the resume cursor in one transaction each, so a worker
// killed mid-file resumes after the last committed chunk with no duplicate and no lost row).
//
// Three stages overlap, so the import runs at about the speed of the slowest of them: this thread parses the file
// and cuts chunks; the rows of the next chunk are checked and sealed (./prepare-pool.ts: on another thread where
// the machine has cores to spare, else on this one between the database's replies); the database
// stores the chunk before it on a connection of the import's own (COPY). Chunks commit strictly in file order,
// and at most a few are in flight, so memory stays flat whatever the file's size. Needs no Prisma client: it
// runs on a thread of its own (./import-thread.ts).
import pg from 'pg';
import { matchHeaders } from '@/lib/catalog/headers';
import type { CatalogDef } from '@/lib/catalog/types';
import { ValidationError } from '@/lib/errors';
import { commitChunk } from './commit-chunk';
import { createPreparePool, type PreparePool } from './prepare-pool';
import { packCells, rowValuesOf, unpackCells } from './prepare-row';
import { readRows, type FileFormat } from './read-rows';
import { SubjectCache } from './subjects';
import { lateness, type Timeliness } from './timeliness';

/**
 * A chunk is cut at this many rows or this many characters of cell text, whichever comes first. The first
 * chunks are smaller (1,000 rows, then doubling), so a batch shows progress soon after it starts.
 */
export const CHUNK_ROWS = 5000;
const FIRST_CHUNK_ROWS = 1000;
const CHUNK_CHARS = 4_000_000;
/** Chunks prepared or committing while the next one is read; bounds memory. */
const IN_FLIGHT = 2;

export interface ImportInput {
  batchId: string;
  providerDeptId: string;
  /** The batch's cursor when the import (re)starts: rows up to it are committed already. */
  cursor: number;
  def: CatalogDef;
  path: string;
  format: FileFormat;
  databaseUrl: string;
  /**
   * Checks run on a thread of their own. That takes them off this thread, the import's critical path, but costs
   * CPU of its own (rows cross twice, a second heap to collect): worth it only where cores are to spare.
   */
  checkThread: boolean;
  /** The day rows are checked against (ms since the epoch). */
  today: number;
  /** 双公示 timeliness of the catalog version, decided per new record at insert; null: no rule. */
  timeliness: Timeliness | null;
}

export interface ImportProgress {
  cursor: number;
  rowsRead: number;
}

export async function runImport(
  input: ImportInput,
  onProgress: (p: ImportProgress) => void,
): Promise<{ unknownColumns: string[]; summary: string }> {
  const { def } = input;
  const ctx = {
    def,
    batchId: input.batchId,
    providerDeptId: input.providerDeptId,
    lateOf: input.timeliness ? lateness(input.timeliness) : undefined,
  };
  const started = performance.now();
  // Where the time went, for the worker's log: a slow import says which stage held it up.
  const timing = { waitPrepare: 0, commit: 0, backpressure: 0 };

  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  const cache = new SubjectCache();
  const inFlight: Promise<void>[] = [];
  let pool: PreparePool | undefined;
  let columns: [number, string][] | undefined;
  let committed: Promise<void> = Promise.resolve();
  let unknownColumns: string[] = [];

  // Prepares a chunk now and commits it after the one before; waits while too many are in flight.
  const dispatch = async (rows: [number, string][], lastRow: number) => {
    const prepared = rows.length ? pool!.prepare(rows) : Promise.resolve([]);
    prepared.catch(() => {}); // awaited below, through the commit
    committed = committed.then(async () => {
      const waitStarted = performance.now();
      const cells = new Map(rows);
      const rawOf = (rowNumber: number) => rowValuesOf(columns!, unpackCells(cells.get(rowNumber) ?? 'S'));
      const chunk = { rows: await prepared, rawOf, lastRow };
      const commitStarted = performance.now();
      await commitChunk(client, ctx, chunk, cache);
      timing.waitPrepare += commitStarted - waitStarted;
      timing.commit += performance.now() - commitStarted;
      onProgress({ cursor: lastRow, rowsRead: lastRow - 1 });
    });
    committed.catch(() => {}); // awaited below
    inFlight.push(committed);
    const waitStarted = performance.now();
    while (inFlight.length > IN_FLIGHT) await inFlight.shift();
    timing.backpressure += performance.now() - waitStarted;
  };

  try {
    let chunk: [number, string][] = [];
    let chunkRows = FIRST_CHUNK_ROWS;
    let chars = 0;
    let lastRow = 1;
    let cutAt = input.cursor;
    for await (const row of readRows(input.path, input.format)) {
      if (row.rowNumber === 1) {
        const headers = matchHeaders(def, row.cells);
        if (headers.missingRequired.length) {
          throw new ValidationError(`表头缺少必填列：${headers.missingRequired.join('、')}。请使用本目录的最新模板。`);
        }
        if (headers.columns.size === 0) throw new ValidationError('表头与目录字段不匹配：请使用本目录的模板');
        columns = [...headers.columns];
        unknownColumns = headers.unknown;
        pool = createPreparePool({ def, today: new Date(input.today), columns }, { thread: input.checkThread });
        continue;
      }
      lastRow = row.rowNumber;
      if (row.rowNumber <= input.cursor) continue; // committed before a crash
      if (!columns) continue;
      let rowChars = 0;
      for (const [i] of columns) rowChars += row.cells[i]?.trim().length ?? 0;
      if (rowChars === 0 && row.cells.every((c) => !c.trim())) continue;
      chunk.push([row.rowNumber, packCells(row.cells)]);
      chars += rowChars;
      if (chunk.length >= chunkRows || chars >= CHUNK_CHARS) {
        await dispatch(chunk, row.rowNumber);
        cutAt = row.rowNumber;
        chunkRows = Math.min(CHUNK_ROWS, chunkRows * 2);
        chunk = [];
        chars = 0;
      }
    }
    if (!columns) throw new ValidationError('文件为空：没有找到表头行');
    // The last chunk; or only the cursor, past empty rows at the end of the file.
    if (chunk.length || lastRow > cutAt) await dispatch(chunk, Math.max(lastRow, cutAt));
    await committed;
  } catch (e) {
    // Nothing may still be writing when the activity fails: the failure path rolls the batch back.
    await committed.catch(() => {});
    throw e;
  } finally {
    await pool?.close();
    await client.end().catch(() => {});
  }

  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const summary =
    `import ${input.batchId}: done in ${s(performance.now() - started)} ` +
    `(commits ${s(timing.commit)}, commits waiting for checks ${s(timing.waitPrepare)}, ` +
    `reading held back by commits ${s(timing.backpressure)})`;
  return { unknownColumns, summary };
}
