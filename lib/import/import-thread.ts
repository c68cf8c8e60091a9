// Thread side of processBatchFile (./process-file.ts): runs one import and reports its progress, its result or
// its failure (a ValidationError keeps its kind: the workflow does not retry a broken file).
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '@/lib/errors';
import { runImport, type ImportInput } from './run-import';

export type ImportThreadMessage =
  | { type: 'progress'; progress: { cursor: number; rowsRead: number } }
  | { type: 'done'; unknownColumns: string[]; summary: string }
  | { type: 'error'; validation: boolean; message: string; details?: unknown; stack?: string };

const post = (m: ImportThreadMessage) => parentPort!.postMessage(m);

runImport(workerData as ImportInput, (progress) => post({ type: 'progress', progress })).then(
  ({ unknownColumns, summary }) => post({ type: 'done', unknownColumns, summary }),
  (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    const details = e instanceof ValidationError ? e.details : undefined;
    post({ type: 'error', validation: e instanceof ValidationError, message: err.message, details, stack: err.stack });
  },
);
