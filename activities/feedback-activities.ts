// The effectful steps of centre feedback (中心反馈): corrections stored as new record revisions, the case
// closed or returned, deadlines written to the trace. Idempotent; see lib/feedback/apply.ts.
import {
  applyFeedbackResponse,
  closeFeedbackCase,
  recordFeedbackDeadline,
  returnFeedbackItems,
  type FeedbackResponseResult,
} from '@/lib/feedback/apply';
import type { TaskActor } from '../workflows/contracts';
import type { ActivityDeps } from './index';

export function createFeedbackActivities({ db }: ActivityDeps) {
  return {
    async applyFeedbackResponse(input: {
      caseId: string;
      itemIds: string[];
      actor: TaskActor;
    }): Promise<FeedbackResponseResult> {
      return applyFeedbackResponse(db, input);
    },
    async closeFeedback(input: { caseId: string; actor: TaskActor }): Promise<void> {
      await closeFeedbackCase(db, input);
    },
    async returnFeedback(input: {
      caseId: string;
      itemIds: string[];
      actor: TaskActor;
    }): Promise<{ returned: number }> {
      return returnFeedbackItems(db, input);
    },
    async recordFeedbackDeadline(input: {
      caseId: string;
      step: string;
      kind: 'OVERDUE' | 'ESCALATED';
      message: string;
    }): Promise<void> {
      await recordFeedbackDeadline(db, input);
    },
  };
}
