// The return-and-fix loop (置疑数据反馈修复, R-2.3): the batch's suspect rows go back to the providing
// department as one inbox task; the department corrects rows and resubmits until none is left open.
import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import { runHumanTask } from './human-task';

export interface SuspectFixInput {
  batchId: string;
  batchNumber: string;
  catalogName: string;
  providerDeptId: string;
}

export interface SuspectFixResult {
  fixed: number;
  reminded: boolean;
  escalated: boolean;
}

const { applyFixes, recordBatchEvent } = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, initialInterval: '1 second' },
});

/** Returns a batch's suspect rows to its provider and waits until every row is fixed. */
export async function suspectFix(input: SuspectFixInput): Promise<SuspectFixResult> {
  let fixed = 0;
  const result = await runHumanTask(
    {
      step: 'fix',
      kind: 'SUSPECT_FIX',
      title: `置疑数据待修复：${input.catalogName} 批次 ${input.batchNumber}`,
      candidateDeptId: input.providerDeptId,
      candidatePermission: 'data:fix',
      settingsKey: 'suspectFix',
      subjectRef: { batchId: input.batchId, batchNumber: input.batchNumber },
    },
    {
      actions: ['resubmit'],
      onAction: async ({ actor, data }) => {
        const itemIds = Array.isArray(data?.itemIds) ? (data.itemIds as string[]) : [];
        const r = await applyFixes({ batchId: input.batchId, itemIds, actor });
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
    },
  );
  return { fixed, reminded: result.reminded, escalated: result.escalated };
}
