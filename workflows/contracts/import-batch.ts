// The contract of the import of one batch (workflows/import-batch.ts), started by lib/batches on upload.

export const IMPORT_BATCH_WORKFLOW = 'importBatch';

export interface ImportBatchInput {
  batchId: string;
}

export type ImportBatchStatus = 'PROCESSING' | 'RETURNED' | 'COMPLETED' | 'FAILED';

/** Where a running import stands; the name is recorded in history and must never change. */
export const IMPORT_STATUS_QUERY = 'status';
