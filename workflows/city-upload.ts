// The scheduled upload to the city platform: one activity queues the 双公示 records changed since their
// last upload and sends every unacknowledged item (lib/exchange/city/upload.ts). What the city does not
// acknowledge, or a city that cannot be reached, is recorded per item and sent again at the next run.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CityUploadWorkflowResult } from './contracts';

const { uploadToCityPlatform } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  retry: { maximumAttempts: 3, initialInterval: '10 seconds', maximumInterval: '2 minutes' },
});

export async function cityUpload(): Promise<CityUploadWorkflowResult> {
  return uploadToCityPlatform();
}
