// The nightly disabling of dormant accounts (GB/T 22239 §8.1.4.2 c), started by the Temporal Schedule that
// worker/schedules.ts registers; the schedule gives retries, history and a visible last run for free.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';

const { disableDormantUsers } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 5, initialInterval: '10 seconds' },
});

/** Disables every account unused for the configured number of days; returns their usernames. */
export async function disableDormantAccounts(): Promise<string[]> {
  return disableDormantUsers();
}
