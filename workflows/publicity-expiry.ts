// The daily 公示期满 run (lib/publication/expiry.ts), started by the Temporal Schedule worker/schedules.ts
// registers. The public site already hides an expired record by date; this writes it into the record's
// timeline. A missed day is made up by the next run (the activity looks back a month).
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PublicityExpiryInput, PublicityExpiryResult } from './contracts';

const { recordPublicityExpiries } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, initialInterval: '30 seconds', backoffCoefficient: 2 },
});

export async function publicityExpiry(input: PublicityExpiryInput = {}): Promise<PublicityExpiryResult> {
  return recordPublicityExpiries(input);
}
