// Backups and restore drills: the long steps heartbeat on a timer and with their progress, so a
// worker that dies mid-dump is noticed within the heartbeat timeout and the step is retried; each step is
// idempotent per backup or drill id.
import { Context } from '@temporalio/activity';
import { beginBackup, writeBackup, type WrittenBackup } from '@/lib/backup/create';
import { runDrill } from '@/lib/backup/drill';
import { copyOffsite } from '@/lib/backup/offsite';
import { auditDrill, failDrill, recordBackupOutcome } from '@/lib/backup/outcome';
import { pruneBackups, type PruneResult } from '@/lib/backup/prune';
import type { ActivityDeps } from './index';

/** Runs a long step with heartbeats: on a timer, and carrying the latest progress. */
async function heartbeating<T>(fn: (progress: (detail: Record<string, unknown>) => void) => Promise<T>): Promise<T> {
  const ctx = Context.current();
  let last: Record<string, unknown> = {};
  const beat = setInterval(() => ctx.heartbeat(last), 5_000);
  try {
    return await fn((detail) => {
      last = detail;
      ctx.heartbeat(detail);
    });
  } finally {
    clearInterval(beat);
  }
}

export function createBackupActivities({ db }: ActivityDeps) {
  return {
    async beginBackup(input: { backupId: string; trigger: string }): Promise<void> {
      await beginBackup(db, input.backupId, input.trigger);
    },

    async writeBackup(input: { backupId: string }): Promise<WrittenBackup> {
      return heartbeating((progress) => writeBackup(db, input.backupId, progress));
    },

    async copyBackupOffsite(input: { backupId: string }): Promise<string> {
      return heartbeating((progress) => copyOffsite(db, input.backupId, progress));
    },

    /** Records the outcome, in the backup's row and in the audit log. */
    async finishBackup(input: { backupId: string; error?: string }): Promise<void> {
      await recordBackupOutcome(db, input.backupId, input.error);
    },

    async pruneBackups(): Promise<PruneResult> {
      return pruneBackups(db);
    },

    /** Returns whether the drill passed; a failed check is a result, not an error. */
    async runRestoreDrill(input: { drillId: string }): Promise<boolean> {
      const report = await heartbeating((progress) => runDrill(db, input.drillId, progress));
      await auditDrill(db, input.drillId, report);
      return report.ok;
    },

    /** A drill that could not run at all (e.g. the database server refused the scratch database). */
    async failRestoreDrill(input: { drillId: string; error: string }): Promise<void> {
      await failDrill(db, input.drillId, input.error);
    },
  };
}
