// The body of the import activity. The import itself (./run-import.ts) runs on a thread of its own with a bounded
// heap: a million-row file then never grows the worker process, whose main thread keeps serving Temporal
// (heartbeats, other activities, workflows) meanwhile.
import { availableParallelism } from 'node:os';
import type { Db } from '@/lib/db';
import { loadCalendar } from '@/lib/calendar/load';
import { loadCatalogDef } from '@/lib/catalog/load';
import { env } from '@/lib/env';
import { ValidationError } from '@/lib/errors';
import { resolveStoredPath } from '@/lib/files/store';
import type { ImportThreadMessage } from './import-thread';
import { detectFormat } from './read-rows';
import { runImport, type ImportInput, type ImportProgress } from './run-import';
import { siblingModule, startThread } from './threads';

export { CHUNK_ROWS, type ImportProgress } from './run-import';

export interface ImportResult {
  rowsRead: number;
  rowsStored: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsSuspect: number;
  unknownColumns: string[];
  /**
   * The import judged the timeliness of every record it wrote, changed repeats included. Absent from the results of
   * workers from before the workflow patch 'timeliness-at-commit': the workflow then runs the pass itself.
   */
  timelinessJudged?: true;
}

/**
 * `threads: 0` runs everything inline on the calling thread (for debugging and profiling). Otherwise the import
 * runs on a thread of its own, and its checks on another where the machine has more than two cores: on two,
 * the database takes most of the second core, and a checking thread costs ~20 µs of CPU per row and ~80 MB
 * for no gain in speed (test/bench/analysis.md). `checkThread` overrides that choice (tests).
 */
export async function processBatchFile(
  db: Db,
  batchId: string,
  onProgress: (p: ImportProgress) => void,
  opts: { threads?: 0 | 1; checkThread?: boolean } = {},
): Promise<ImportResult> {
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, include: { file: true } });
  if (!batch.file) throw new ValidationError('批次没有关联的文件');
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const threaded = (opts.threads ?? 1) === 1;
  const path = resolveStoredPath(batch.file.storagePath);
  const input: ImportInput = {
    batchId,
    providerDeptId: batch.providerDeptId,
    cursor: batch.cursor,
    def,
    path,
    format: await detectFormat(path, batch.file.originalName),
    databaseUrl: env().DATABASE_URL,
    checkThread: opts.checkThread ?? (threaded && availableParallelism() > 2),
    today: Date.now(),
    timeliness: def.timelinessWorkdays
      ? {
          limitWorkdays: def.timelinessWorkdays,
          reportedAt: batch.createdAt.getTime(),
          calendar: await loadCalendar(db),
        }
      : null,
  };
  const { unknownColumns, summary } = threaded ? await inThread(input, onProgress) : await runImport(input, onProgress);
  console.log(summary); // where the time went: which stage held a slow import up

  const done = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  return {
    rowsRead: done.rowsRead,
    rowsStored: done.rowsStored,
    rowsUpdated: done.rowsUpdated,
    rowsDuplicate: done.rowsDuplicate,
    rowsSuspect: done.rowsSuspect,
    unknownColumns,
    timelinessJudged: true,
  };
}

function inThread(
  input: ImportInput,
  onProgress: (p: ImportProgress) => void,
): Promise<{ unknownColumns: string[]; summary: string }> {
  return new Promise((resolve, reject) => {
    // A chunk in flight is a few MB; the limit is headroom (the xlsx reader holds a sheet's shared strings
    // whole), and near it the thread collects garbage rather than grow.
    const thread = startThread(siblingModule(import.meta.url, 'import-thread'), input, {
      maxOldGenerationSizeMb: 256,
      maxYoungGenerationSizeMb: 16,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void thread.terminate();
    };
    thread.on('message', (m: ImportThreadMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') settle(() => resolve({ unknownColumns: m.unknownColumns, summary: m.summary }));
      else {
        const err = m.validation ? new ValidationError(m.message, m.details) : new Error(m.message);
        if (!m.validation && m.stack) err.stack = m.stack;
        settle(() => reject(err));
      }
    });
    thread.on('error', (e) => settle(() => reject(e)));
    thread.on('exit', (code) => settle(() => reject(new Error(`the import thread stopped (exit code ${code})`))));
  });
}
