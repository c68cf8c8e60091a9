// The return-and-fix loop (置疑数据反馈修复, R-2.3, R-2.6): the batch's suspect rows go back to the providing
// department as one inbox task; the department corrects rows and resubmits, or explains why a row is right.
// When nothing is left with the department, the credit centre reviews the explanations in its own task:
// accepted rows are stored as they are, returned rows start the department's next round.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { HumanTaskSpec, SuspectFixInput, SuspectFixResult } from './contracts';
import { runHumanTask, type HumanTaskResult } from './human-task';

/** Runs started before explanations existed replay the fix-only loop (README "Changing a workflow"). */
export const EXPLAIN_PATCH = 'suspect-fix-explain-review';

const { applyFixes, recordBatchEvent, explainSuspects, reviewExplanations } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '1 second' },
});

/** Returns a batch's suspect rows to its provider and waits until every row is fixed or accepted. */
export async function suspectFix(input: SuspectFixInput): Promise<SuspectFixResult> {
  if (!wf.patched(EXPLAIN_PATCH)) return fixOnly(input);
  let fixed = 0;
  let accepted = 0;
  let open = 1; // the batch came back with suspect rows
  let explained = 0;
  let centreDeptId = '';
  const flags = { reminded: false, escalated: false };
  const note = (r: HumanTaskResult) => {
    flags.reminded ||= r.reminded;
    flags.escalated ||= r.escalated;
  };

  let rounds = 0;
  for (let round = 1; open > 0; round++) {
    rounds = round;
    note(
      await runHumanTask(fixSpec(input, round), {
        actions: ['resubmit', 'explain'],
        onAction: async ({ actor, action, data: { itemIds } }) => {
          if (action === 'explain') {
            const r = await explainSuspects({ batchId: input.batchId, itemIds, actor });
            ({ open, explained, centreDeptId } = r);
            return { done: open === 0, message: explainMessage(r.explainedNow, open), data: { ...r } };
          }
          const r = await applyFixes({ batchId: input.batchId, itemIds, actor });
          fixed += r.stored;
          ({ open, explained } = r);
          return { done: open === 0, message: fixMessage(r.stored, r.stillSuspect, open, explained), data: { ...r } };
        },
        ...deadlineHooks(input, round, 'FIX'),
      }),
    );
    if (explained === 0) break;
    note(
      await runHumanTask(reviewSpec(input, round, centreDeptId), {
        actions: ['review'],
        onAction: async ({ actor, data }) => {
          const r = await reviewExplanations({ batchId: input.batchId, itemIds: data.itemIds, actor });
          accepted += r.accepted;
          ({ open, explained } = r);
          const message = `已同意入库 ${r.accepted} 条，退回修复 ${r.returned} 条，待审核 ${r.explained} 条`;
          return { done: explained === 0, message, data: { ...r } };
        },
        ...deadlineHooks(input, round, 'REVIEW'),
      }),
    );
  }
  return { fixed, accepted, rounds, ...flags };
}

function fixSpec(input: SuspectFixInput, round: number): HumanTaskSpec {
  return {
    step: round === 1 ? 'fix' : `fix-${round}`,
    kind: 'SUSPECT_FIX',
    title: `置疑数据待修复：${input.catalogName} 批次 ${input.batchNumber}${round > 1 ? `（第 ${round} 轮）` : ''}`,
    candidateDeptId: input.providerDeptId,
    candidatePermission: 'data:fix',
    settingsKey: 'suspectFix',
    subjectRef: { batchId: input.batchId, batchNumber: input.batchNumber },
  };
}

function reviewSpec(input: SuspectFixInput, round: number, centreDeptId: string): HumanTaskSpec {
  return {
    step: round === 1 ? 'review' : `review-${round}`,
    kind: 'SUSPECT_REVIEW',
    title: `置疑数据说明待确认：${input.catalogName} 批次 ${input.batchNumber}`,
    candidateDeptId: centreDeptId,
    candidatePermission: 'data:review',
    settingsKey: 'suspectReview',
    subjectRef: { batchId: input.batchId, batchNumber: input.batchNumber },
  };
}

function deadlineHooks(input: SuspectFixInput, round: number, step: 'FIX' | 'REVIEW') {
  const [what, who, above] =
    step === 'FIX'
      ? ['置疑数据修复', '数据提供部门', '信用中心']
      : ['置疑数据说明确认', '信用中心经办人', '信用中心负责人'];
  const key = `${input.batchId}:${step.toLowerCase()}${round > 1 ? `-${round}` : ''}`;
  return {
    onReminder: () =>
      recordBatchEvent({
        batchId: input.batchId,
        kind: `${step}_OVERDUE`,
        message: `${what}已超期，已提醒${who}`,
        dedupKey: `${key}:overdue`,
      }),
    onEscalation: () =>
      recordBatchEvent({
        batchId: input.batchId,
        kind: `${step}_ESCALATED`,
        message: `${what}严重超期，已上报${above}督办`,
        dedupKey: `${key}:escalated`,
      }),
  };
}

function fixMessage(stored: number, still: number, open: number, explained: number): string {
  const waiting = explained > 0 ? `，${explained} 条说明待信用中心确认` : '';
  if (open > 0) return `已入库 ${stored} 条，仍有 ${still} 条未通过校验，剩余待处理 ${open} 条${waiting}`;
  return explained > 0 ? `已入库 ${stored} 条${waiting}` : `已入库 ${stored} 条，全部置疑数据已处理完毕`;
}

function explainMessage(explainedNow: number, open: number): string {
  const rest = open > 0 ? `，剩余待处理 ${open} 条` : '，本轮置疑数据已全部处理';
  return `已提交 ${explainedNow} 条说明，待信用中心确认${rest}`;
}

// ── the loop as it was before explanations: kept verbatim for runs that started before EXPLAIN_PATCH
async function fixOnly(input: SuspectFixInput): Promise<SuspectFixResult> {
  let fixed = 0;
  const result = await runHumanTask(fixSpec(input, 1), {
    actions: ['resubmit'],
    onAction: async ({ actor, data }) => {
      const r = await applyFixes({ batchId: input.batchId, itemIds: data.itemIds, actor });
      fixed += r.stored;
      const message =
        r.remaining === 0
          ? `已入库 ${r.stored} 条，全部置疑数据已处理完毕`
          : `已入库 ${r.stored} 条，仍有 ${r.stillSuspect} 条未通过校验，剩余待处理 ${r.remaining} 条`;
      return { done: r.remaining === 0, message, data: { ...r } };
    },
    onReminder: () =>
      recordBatchEvent({
        batchId: input.batchId,
        kind: 'FIX_OVERDUE',
        message: '置疑数据修复已超期，已提醒数据提供部门',
        dedupKey: `${input.batchId}:overdue`,
      }),
    onEscalation: () =>
      recordBatchEvent({
        batchId: input.batchId,
        kind: 'FIX_ESCALATED',
        message: '置疑数据修复严重超期，已上报信用中心督办',
        dedupKey: `${input.batchId}:escalated`,
      }),
  });
  return { fixed, reminded: result.reminded, escalated: result.escalated };
}
