// Centre feedback (中心反馈, R-3.4, R-2.6): stored records the credit centre sent back go to the providing
// department as one inbox task; the department corrects each record (a new revision) or explains why it is
// right. Then the centre closes the case, or returns items with a comment for another round.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CentreFeedbackInput, CentreFeedbackResult } from './contracts';
import { runHumanTask } from './human-task';

const { applyFeedbackResponse, closeFeedback, returnFeedback, recordFeedbackDeadline } = wf.proxyActivities<Activities>(
  {
    startToCloseTimeout: '2 minutes',
    retry: { maximumAttempts: 5, initialInterval: '1 second' },
  },
);

/** Runs one feedback case from the provider's answer to the centre's close. Started by lib/feedback/send.ts. */
export async function centreFeedback(input: CentreFeedbackInput): Promise<CentreFeedbackResult> {
  const subjectRef = { feedbackCaseId: input.caseId, caseNumber: input.caseNumber };
  let corrected = 0;
  let closed = false;
  let rounds = 0;
  const flags = { reminded: false, escalated: false };

  for (let round = 1; !closed; round++) {
    rounds = round;
    const suffix = round === 1 ? '' : `-${round}`;
    const respond = await runHumanTask(
      {
        step: `respond${suffix}`,
        kind: 'CENTRE_FEEDBACK',
        title: `中心反馈待处理：${input.caseNumber}（${input.records} 条记录）${round > 1 ? `第 ${round} 轮` : ''}`,
        candidateDeptId: input.providerDeptId,
        candidatePermission: 'data:fix',
        settingsKey: 'centreFeedback',
        subjectRef,
      },
      {
        actions: ['respond'],
        onAction: async ({ actor, data }) => {
          const r = await applyFeedbackResponse({ caseId: input.caseId, itemIds: data.itemIds, actor });
          corrected += r.corrected;
          const rest = r.open > 0 ? `，仍有 ${r.open} 条待处理` : '，已全部答复，待信用中心办结';
          return {
            done: r.open === 0,
            message: `已更正 ${r.corrected} 条，说明 ${r.explained} 条${rest}`,
            data: { ...r },
          };
        },
        ...deadlines(input.caseId, `respond${suffix}`, '中心反馈处理'),
      },
    );
    const review = await runHumanTask(
      {
        step: `close${suffix}`,
        kind: 'FEEDBACK_REVIEW',
        title: `中心反馈待办结：${input.caseNumber}`,
        candidateDeptId: input.centreDeptId,
        candidatePermission: 'data:review',
        settingsKey: 'feedbackReview',
        subjectRef,
      },
      {
        actions: ['close', 'return'],
        onAction: async (act) => {
          const { actor } = act;
          if (act.action === 'close') {
            await closeFeedback({ caseId: input.caseId, actor });
            closed = true;
            return { done: true, message: '反馈已办结' };
          }
          const r = await returnFeedback({ caseId: input.caseId, itemIds: act.data.itemIds, actor });
          return { done: true, message: `已退回 ${r.returned} 条记录，待提供部门再次处理` };
        },
        ...deadlines(input.caseId, `close${suffix}`, '中心反馈办结'),
      },
    );
    flags.reminded ||= respond.reminded || review.reminded;
    flags.escalated ||= respond.escalated || review.escalated;
  }
  return { rounds, corrected, ...flags };
}

function deadlines(caseId: string, step: string, what: string) {
  return {
    onReminder: () => recordFeedbackDeadline({ caseId, step, kind: 'OVERDUE', message: `${what}已超期，已提醒` }),
    onEscalation: () =>
      recordFeedbackDeadline({ caseId, step, kind: 'ESCALATED', message: `${what}严重超期，已上报督办` }),
  };
}
