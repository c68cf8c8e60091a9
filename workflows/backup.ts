// A backup: a consistent dump of the database and the file store, copied off site and verified,
// then keep-N pruning. Started by the Temporal Schedule lib/backup/schedule.ts registers, or by an
// administrator's "立即备份" (lib/backup/service.ts). The workflow id is the backup's id.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BackupInput, BackupResult } from './contracts';

const { beginBackup, finishBackup, pruneBackups } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 10, initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

// Long steps heartbeat every few seconds; a dead worker is noticed within the heartbeat timeout.
const { writeBackup, copyBackupOffsite } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '30 seconds', backoffCoefficient: 4 },
});

/** Writes one backup and sends it off site; a failed off-site copy is recorded, the local backup stands. */
export async function backup(input: BackupInput = {}): Promise<BackupResult> {
  const backupId = wf.workflowInfo().workflowId;
  await beginBackup({ backupId, trigger: input.trigger ?? 'SCHEDULE' });
  try {
    await writeBackup({ backupId });
  } catch (err) {
    await finishBackup({ backupId, error: failureMessage(err) });
    return { backupId, status: 'FAILED', offsite: 'PENDING' };
  }
  let offsite = 'FAILED';
  try {
    offsite = await copyBackupOffsite({ backupId });
  } catch {
    // copyBackupOffsite recorded the error on the backup; the local copy is still good.
  }
  await finishBackup({ backupId });
  await pruneBackups();
  return { backupId, status: 'SUCCEEDED', offsite };
}

function failureMessage(err: unknown): string {
  if (err instanceof wf.ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
