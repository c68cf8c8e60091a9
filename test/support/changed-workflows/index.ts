// A deliberately incompatible change of importBatch (the batch is returned before it is started), used by
// the replay test to prove that replay catches a change that would break running workflows.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../../../activities';

const { startBatch, returnBatch, finishBatch } = wf.proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });

export async function importBatch(input: { batchId: string }): Promise<string> {
  await returnBatch({ batchId: input.batchId });
  await startBatch({ batchId: input.batchId });
  await finishBatch({ batchId: input.batchId });
  return 'COMPLETED';
}
