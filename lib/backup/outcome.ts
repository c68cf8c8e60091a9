// How a backup or a restore drill ended, on its row and in the audit log (备份恢复 is an audited event,
// 等保 8.1.4.3). Called by the activities once the long step is over.
import { writeAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { finishBackup } from './create';
import type { DrillReport } from './drill';

export async function recordBackupOutcome(db: Db, backupId: string, error?: string): Promise<void> {
  await finishBackup(db, backupId, error);
  await writeAudit(db, {
    username: 'system',
    module: 'backup',
    action: 'BACKUP',
    objectType: 'Backup',
    objectId: backupId,
    result: error ? 'FAIL' : 'OK',
    detail: error ? { error: error.slice(0, 500) } : undefined,
  });
}

/** The drill's report is already on its row (lib/backup/drill.ts); this audits it. */
export async function auditDrill(db: Db, drillId: string, report: DrillReport): Promise<void> {
  await writeAudit(db, {
    username: 'system',
    module: 'backup',
    action: 'RESTORE_DRILL',
    objectType: 'RestoreDrill',
    objectId: drillId,
    result: report.ok ? 'OK' : 'FAIL',
    detail: { backupId: report.backupId, rows: report.rowsRestored, problems: report.problems.slice(0, 5) },
  });
}

/** A drill that could not run at all (e.g. the database server refused the scratch database). */
export async function failDrill(db: Db, drillId: string, error: string): Promise<void> {
  await db.restoreDrill.update({
    where: { id: drillId },
    data: { status: 'FAILED', finishedAt: new Date(), error: error.slice(0, 2000) },
  });
}
