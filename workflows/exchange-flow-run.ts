// One run of an exchange flow: open the run, move the rows after the committed cursor in
// chunks (each chunk one batch of the ordinary import, its cursor committed with it: lib/exchange/flow-sync.ts),
// write suspect items back for two-way flows, close the run. A failure is recorded on the run (red on the
// management page) and a retry resumes from the committed cursor; a stop (columns changed, watermark went
// backwards, bad configuration) also stops the flow's scheduled runs until an administrator retries it.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ExchangeFlowRunInput, ExchangeFlowRunResult } from './contracts';

const { openExchangeRun, finishExchangeRun } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '2 seconds' },
});

// A chunk: one read of the front-end store, one CSV, one commit. An unreachable store is retried a few times
// with backoff, then the run fails with its reason; a stop is never retried (non-retryable failure).
const { syncExchangeChunk, writeBackExchangeSuspects } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds', maximumInterval: '30 seconds' },
});

// Bounds one run's history; a source with more rows goes on at the next run from the committed cursor.
const MAX_CHUNKS = 1000;

export async function exchangeFlowRun(input: ExchangeFlowRunInput): Promise<ExchangeFlowRunResult> {
  const trigger = input.trigger ?? 'SCHEDULE';
  const opened = await openExchangeRun({ flowId: input.flowId, workflowId: wf.workflowInfo().workflowId, trigger });
  if (!opened.proceed) return { runId: opened.runId, status: 'SKIPPED', rows: 0, batches: 0 };
  let rows = 0;
  let batches = 0;
  try {
    for (let i = 0; i < MAX_CHUNKS; i++) {
      const chunk = await syncExchangeChunk({
        runId: opened.runId,
        chunkSize: input.chunkSize,
        taskQueue: input.taskQueue,
      });
      rows += chunk.rows;
      // A FILE source's one pass reports all its batches; a row chunk is one batch (or none).
      batches += chunk.batchIds ? chunk.batchIds.length : chunk.batchId ? 1 : 0;
      if (chunk.done) break;
    }
    if (opened.twoWay) await writeBackExchangeSuspects({ runId: opened.runId });
    await finishExchangeRun({ runId: opened.runId, status: 'SUCCEEDED' });
    return { runId: opened.runId, status: 'SUCCEEDED', rows, batches };
  } catch (err) {
    if (!(err instanceof wf.ActivityFailure)) throw err;
    const cause = err.cause;
    const stopped = cause instanceof wf.ApplicationFailure && cause.type === 'SourceStop';
    const error = cause?.message ?? err.message;
    const status = stopped ? 'STOPPED' : 'FAILED';
    await finishExchangeRun({ runId: opened.runId, status, error });
    return { runId: opened.runId, status, rows, batches, error };
  }
}
