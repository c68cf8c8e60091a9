// The nightly sweep of the file store (lib/files/sweep.ts), started by the Temporal Schedule that
// worker/schedules.ts registers; the schedule gives retries, history and a visible last run.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { FileStoreSweepResult } from './contracts';

const { sweepOrphanFiles } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  retry: { maximumAttempts: 3, initialInterval: '1 minute' },
});

/** Removes stored files no batch or task references, older than the grace period; returns what it did. */
export async function fileStoreSweep(): Promise<FileStoreSweepResult> {
  return sweepOrphanFiles();
}
