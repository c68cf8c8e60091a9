// Runs prepareImportRow (check, keys, sealing: most of an import's CPU) for whole chunks on a worker thread, so
// the main thread of the import keeps parsing the file and writing to the database meanwhile. Chunks come back
// in the order they were sent. Without the thread the same work runs inline, a slice at a time.
import type { Worker } from 'node:worker_threads';
import type { CatalogDef } from '@/lib/catalog/types';
import { prepareImportRow, rowValuesOf, unpackCells, type PreparedRow } from './prepare-row';
import { siblingModule, startThread } from './threads';

/** Rows as read: row number and packed cells (packCells); `columns` maps cell index → field key. */
export interface PreparePool {
  prepare(rows: [number, string][]): Promise<PreparedRow[]>;
  close(): Promise<void>;
}

export interface PrepareSetup {
  def: CatalogDef;
  today: Date;
  columns: [number, string][];
}

export function createPreparePool(setup: PrepareSetup, opts: { thread: boolean }): PreparePool {
  if (!opts.thread) return inlinePool(setup);
  const worker = startPrepareThread(setup);
  const waiting = new Map<number, { resolve: (rows: PreparedRow[]) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  let nextId = 0;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (msg: { id: number; prepared?: PreparedRow[]; error?: string }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.prepared) w?.resolve(msg.prepared);
    else w?.reject(new Error(`row preparation failed: ${msg.error}`));
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', (code) => failAll(new Error(`the row preparation thread exited (code ${code})`)));
  return {
    prepare(rows) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
      });
    },
    async close() {
      failure ??= new Error('the row preparation thread was closed');
      await worker.terminate();
    },
  };
}

const SLICE_ROWS = 200;

function inlinePool({ def, today, columns }: PrepareSetup): PreparePool {
  return {
    async prepare(rows) {
      const out: PreparedRow[] = [];
      for (let i = 0; i < rows.length; i++) {
        // A chunk takes ~150 ms to prepare: yield now and then, so the database's replies for the chunk before
        // are handled as they come, not after the whole chunk (the commit would wait for nothing).
        if (i % SLICE_ROWS === SLICE_ROWS - 1) await new Promise(setImmediate);
        const [rowNumber, packed] = rows[i]!;
        out.push(prepareImportRow(def, rowNumber, rowValuesOf(columns, unpackCells(packed)), today));
      }
      return out;
    },
    close: async () => {},
  };
}

function startPrepareThread({ def, today, columns }: PrepareSetup): Worker {
  return startThread(
    siblingModule(import.meta.url, 'prepare-thread'),
    { def, today: today.getTime(), columns },
    // The thread holds a chunk or two at a time.
    { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
  );
}
