// One reading of the exchange drop folders, started by the `drop-folder-scan` Temporal
// Schedule (lib/exchange/schedule.ts) or by an administrator's 立即读取: list the files that settled in the
// inboxes, then read each into a batch of the ordinary import (whose own workflow it starts), archive a
// repeat of an earlier file, or reject what cannot be read. One activity per file, so a crash mid-scan
// resumes with the files not yet moved.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DropFolderScanResult } from './contracts';

const { listExchangeInbox } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds' },
});

// Hashing and copying a file of the upload limit (200 MB) takes well under this on a county server.
const { ingestExchangeFile } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  retry: { maximumAttempts: 5, initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export async function dropFolderScan(): Promise<DropFolderScanResult> {
  const result: DropFolderScanResult = { batches: 0, duplicates: 0, rejected: 0 };
  const files = await listExchangeInbox();
  for (const file of files) {
    const outcome = await ingestExchangeFile({ file });
    if (outcome.outcome === 'BATCH') result.batches++;
    else if (outcome.outcome === 'DUPLICATE') result.duplicates++;
    else if (outcome.outcome === 'REJECTED') result.rejected++;
  }
  return result;
}
