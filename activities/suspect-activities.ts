// The explanation branch of the return-and-fix loop and the timeliness flag of a batch. Each is idempotent:
// batch history lines carry a dedup key of the activity, and the data steps only touch rows still waiting.
import { Context } from '@temporalio/activity';
import { flagLateRecords } from '@/lib/records/timeliness';
import { applyReview, type ApplyReviewResult } from '@/lib/suspects/apply-review';
import { recordExplanations, type ExplainResult } from '@/lib/suspects/explained';
import type { TaskActor } from '../workflows/contracts';
import type { ActivityDeps } from './index';

export function createSuspectActivities({ db }: ActivityDeps) {
  const dedupKey = () => {
    const info = Context.current().info;
    return `${info.workflowExecution?.runId ?? 'standalone'}:${info.activityId}`;
  };
  return {
    /** Records that the provider explained rows (claimed and saved by the app) and says who reviews them. */
    async explainSuspects(input: { batchId: string; itemIds: string[]; actor: TaskActor }): Promise<ExplainResult> {
      return recordExplanations(db, input, dedupKey());
    },

    /** Applies the centre's accept / return decisions (saved by the app) on explained rows. */
    async reviewExplanations(input: {
      batchId: string;
      itemIds: string[];
      actor: TaskActor;
    }): Promise<ApplyReviewResult> {
      return applyReview(db, input);
    },

    /**
     * Re-judges timeliness (双公示) of the records an import changed, for import runs started before the
     * workflow patch 'timeliness-at-commit' or imported by a worker from before it (since then the import
     * judges every record it writes, and says so in its result).
     */
    async flagLateRecords(input: { batchId: string }): Promise<{ changed: number }> {
      return { changed: await flagLateRecords(db, input.batchId, undefined, { changedOnly: true }) };
    },
  };
}
