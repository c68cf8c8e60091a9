// A restore drill (R-7.7, 等保 8.1.4.9 a): one backup restored into a scratch database, counted against its
// manifest and dropped; the report is kept on the RestoreDrill row. Started from the backups page.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { RestoreDrillInput, RestoreDrillResult } from './contracts';

const { failRestoreDrill } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, initialInterval: '2 seconds' },
});

const { runRestoreDrill } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '30 seconds', backoffCoefficient: 4 },
});

/** Runs the drill; returns PASSED or FAILED as recorded on the drill. */
export async function restoreDrill(input: RestoreDrillInput): Promise<RestoreDrillResult> {
  try {
    return (await runRestoreDrill(input)) ? 'PASSED' : 'FAILED';
  } catch (err) {
    const message = err instanceof wf.ActivityFailure && err.cause ? err.cause.message : String(err);
    await failRestoreDrill({ drillId: input.drillId, error: message });
    return 'FAILED';
  }
}
