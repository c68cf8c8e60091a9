// The effectful steps of an import: processing the file (long, heartbeating) and storing corrected rows.
import { Context } from '@temporalio/activity';
import { recordIgnoredColumns } from '@/lib/batches/lifecycle';
import { processBatchFile, type ImportResult } from '@/lib/import/process-file';
import { applySuspectFixes, type ApplyFixesResult } from '@/lib/suspects/apply-fixes';
import type { TaskActor } from '../workflows/contracts';
import type { ActivityDeps } from './index';

export function createImportActivities({ db }: ActivityDeps) {
  return {
    /** Idempotent and resumable: rows up to the batch's committed cursor are skipped. */
    async importFile(input: { batchId: string }): Promise<ImportResult> {
      const ctx = Context.current();
      // Heartbeat on a timer as well as per chunk: a slow chunk must not look like a dead worker.
      const beat = setInterval(() => ctx.heartbeat(), 5_000);
      try {
        const result = await processBatchFile(db, input.batchId, (p) => ctx.heartbeat(p));
        await recordIgnoredColumns(db, input.batchId, result.unknownColumns);
        return result;
      } finally {
        clearInterval(beat);
      }
    },

    /** Re-checks and stores the rows a department resubmitted; idempotent per suspect item status. */
    async applyFixes(input: { batchId: string; itemIds: string[]; actor: TaskActor }): Promise<ApplyFixesResult> {
      return applySuspectFixes(db, input);
    },
  };
}
