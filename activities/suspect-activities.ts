// The explanation branch of the return-and-fix loop and the timeliness flag of a batch. Each is idempotent:
// batch history lines carry a dedup key of the activity, and the data steps only touch rows still waiting.
import { Context } from '@temporalio/activity';
import { recordEvent } from '@/lib/batches/events';
import { flagLateRecords } from '@/lib/records/timeliness';
import { applyReview, type ApplyReviewResult } from '@/lib/suspects/apply-review';
import { suspectCounts, type SuspectCounts } from '@/lib/suspects/counts';
import type { TaskActor } from '../workflows/human-task';
import type { ActivityDeps } from './index';

export interface ExplainResult extends SuspectCounts {
  explainedNow: number;
  /** The credit centre's department, which reviews explanations. */
  centreDeptId: string;
}

export function createSuspectActivities({ db }: ActivityDeps) {
  const dedupKey = () => {
    const info = Context.current().info;
    return `${info.workflowExecution?.runId ?? 'standalone'}:${info.activityId}`;
  };
  return {
    /** Records that the provider explained rows (saved by the app) and says who reviews them. */
    async explainSuspects(input: { batchId: string; itemIds: string[]; actor: TaskActor }): Promise<ExplainResult> {
      const explainedNow = await db.suspectItem.count({
        where: { id: { in: input.itemIds }, batchId: input.batchId, status: 'EXPLAINED' },
      });
      const centre = await db.department.findFirst({
        where: { kind: 'CENTRE' },
        orderBy: { sortOrder: 'asc' },
        select: { id: true, name: true },
      });
      if (!centre) throw new Error('no credit centre department is configured');
      await recordEvent(db, {
        batchId: input.batchId,
        kind: 'FIX_EXPLAINED',
        message: `${input.actor.name} 对 ${explainedNow} 条置疑数据说明理由，申请${centre.name}确认`,
        actorId: input.actor.id,
        actorName: input.actor.name,
        dedupKey: dedupKey(),
      });
      return { explainedNow, centreDeptId: centre.id, ...(await suspectCounts(db, input.batchId)) };
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
