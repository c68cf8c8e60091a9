// Worker-thread side of ./prepare-pool.ts: prepares the rows of each chunk it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogDef } from '@/lib/catalog/types';
import { prepareImportRow, rowValuesOf, unpackCells, type PreparedRow } from './prepare-row';

const { def, today, columns } = workerData as { def: CatalogDef; today: number; columns: [number, string][] };
const day = new Date(today);

parentPort!.on('message', (msg: { id: number; rows: [number, string][] }) => {
  let prepared: PreparedRow[] | undefined;
  let error: string | undefined;
  try {
    prepared = msg.rows.map(([rowNumber, packed]) =>
      prepareImportRow(def, rowNumber, rowValuesOf(columns, unpackCells(packed)), day),
    );
  } catch (e) {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  parentPort!.postMessage({ id: msg.id, prepared, error });
});
