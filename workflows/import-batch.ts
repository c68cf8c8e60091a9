// The import of one batch (数据归集, R-1.3, R-9.1): parse and check the file, store valid rows with lineage,
// then return the suspect rows to the provider through a child workflow and close the batch when fixed.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import { IMPORT_STATUS_QUERY, type ImportBatchInput, type ImportBatchStatus } from './contracts';
import { suspectFix } from './suspect-fix';

export const importStatusQuery = wf.defineQuery<ImportBatchStatus>(IMPORT_STATUS_QUERY);

const { startBatch, returnBatch, finishBatch, failBatch } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

// One pass over the batch's records (a scan and an update of the late ones): minutes for a million rows.
const { flagLateRecords } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

// The file is processed by one long activity that commits chunk by chunk and heartbeats its cursor; a
// worker killed mid-file misses heartbeats, and the retry resumes after the last committed chunk.
const { importFile } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '4 hours',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds', nonRetryableErrorTypes: ['ValidationError'] },
});

/** Imports one batch's file and runs its return-and-fix loop. Started by lib/batches on upload. */
export async function importBatch(input: ImportBatchInput): Promise<ImportBatchStatus> {
  let status: ImportBatchStatus = 'PROCESSING';
  wf.setHandler(importStatusQuery, () => status);

  const batch = await startBatch({ batchId: input.batchId });
  // Since this patch the import flags timeliness as it writes each record, changed repeats included
  // (lib/import/write-records.ts): no pass over the batch's records afterwards. Decided before the import
  // starts, so a run that began without it still gets the pass.
  const flaggedAtCommit = wf.patched('timeliness-at-commit');
  let counts;
  try {
    counts = await importFile({ batchId: input.batchId });
  } catch (err) {
    status = 'FAILED';
    await failBatch({ batchId: input.batchId, message: failureMessage(err) });
    return status;
  }
  // A worker still on the code from before 'timeliness-at-commit' (a rolling deploy) may have run the import: it
  // leaves changed repeats unjudged, and its result does not say they were judged. Runs that recorded a result
  // without that word before 'import-reports-timeliness' keep their history (no pass).
  const judgedAtCommit =
    flaggedAtCommit && (counts.timelinessJudged === true || !wf.patched('import-reports-timeliness'));
  // Timeliness (双公示) of runs from before 'timeliness-at-commit', or imported by a worker from before it: a pass
  // flags the records reported after the working-day limit; runs from before 'records-timeliness-flag' skip it.
  if (!judgedAtCommit && wf.patched('records-timeliness-flag')) await flagLateRecords({ batchId: input.batchId });

  if (counts.rowsSuspect > 0) {
    status = 'RETURNED';
    await returnBatch({ batchId: input.batchId });
    await wf.executeChild(suspectFix, {
      workflowId: `suspect-fix-${input.batchId}`,
      args: [
        {
          batchId: input.batchId,
          batchNumber: batch.number,
          catalogName: batch.catalogName,
          providerDeptId: batch.providerDeptId,
        },
      ],
    });
  }
  await finishBatch({ batchId: input.batchId });
  status = 'COMPLETED';
  return status;
}

function failureMessage(err: unknown): string {
  // ActivityFailure wraps the ApplicationFailure whose message is the user-facing Chinese reason.
  const cause = err instanceof wf.ActivityFailure ? err.cause : err;
  return cause instanceof Error && cause.message ? cause.message : '导入失败';
}
