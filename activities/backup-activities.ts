// Backups and restore drills: the long steps heartbeat on a timer and with their progress, so a
// worker that dies mid-dump is noticed within the heartbeat timeout and the step is retried; each step is
// idempotent per backup or drill id.
import { Context } from '@temporalio/activity';
import { writeAudit } from '@/lib/audit';
import { beginBackup, finishBackup, writeBackup, type WrittenBackup } from '@/lib/backup/create';
import { runDrill } from '@/lib/backup/drill';
import { copyOffsite } from '@/lib/backup/offsite';
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

    /** Records the outcome, in the backup's row and in the audit log (备份恢复 is an audited event). */
    async finishBackup(input: { backupId: string; error?: string }): Promise<void> {
      await finishBackup(db, input.backupId, input.error);
      await writeAudit(db, {
        username: 'system',
        module: 'backup',
        action: 'BACKUP',
        objectType: 'Backup',
        objectId: input.backupId,
        result: input.error ? 'FAIL' : 'OK',
        detail: input.error ? { error: input.error.slice(0, 500) } : undefined,
      });
    },

    async pruneBackups(): Promise<PruneResult> {
      return pruneBackups(db);
    },

    /** Returns whether the drill passed; a failed check is a result, not an error. */
    async runRestoreDrill(input: { drillId: string }): Promise<boolean> {
      const report = await heartbeating((progress) => runDrill(db, input.drillId, progress));
      await writeAudit(db, {
        username: 'system',
        module: 'backup',
        action: 'RESTORE_DRILL',
        objectType: 'RestoreDrill',
        objectId: input.drillId,
        result: report.ok ? 'OK' : 'FAIL',
        detail: { backupId: report.backupId, rows: report.rowsRestored, problems: report.problems.slice(0, 5) },
      });
      return report.ok;
    },

    /** A drill that could not run at all (e.g. the database server refused the scratch database). */
    async failRestoreDrill(input: { drillId: string; error: string }): Promise<void> {
      await db.restoreDrill.update({
        where: { id: input.drillId },
        data: { status: 'FAILED', finishedAt: new Date(), error: input.error.slice(0, 2000) },
      });
    },
  };
}
