// Batch status changes and history lines. A status and its history line commit in one transaction (a reader never
// sees a batch COMPLETED without its 办结 line); each line has a dedup key, so a retried activity leaves one line.
import { Context } from '@temporalio/activity';
import { recordEvent } from '@/lib/batches/events';
import { rollbackBatch } from '@/lib/import/rollback';
import type { ActivityDeps } from './index';

export function createBatchActivities({ db }: ActivityDeps) {
  const runId = () => Context.current().info.workflowExecution?.runId ?? 'standalone';
  return {
    async startBatch(input: { batchId: string }) {
      const batch = await db.$transaction(async (tx) => {
        const b = await tx.importBatch.update({
          where: { id: input.batchId },
          data: { status: 'PROCESSING', startedAt: new Date() },
          include: { catalogVersion: { include: { catalog: true } } },
        });
        await recordEvent(tx, {
          batchId: b.id,
          kind: 'PROCESSING',
          message: '开始解析与校验',
          dedupKey: `${b.id}:start:${runId()}`,
        });
        return b;
      });
      return {
        number: batch.number,
        catalogName: batch.catalogVersion.catalog.name,
        providerDeptId: batch.providerDeptId,
      };
    },

    async returnBatch(input: { batchId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const b = await tx.importBatch.update({
          where: { id: input.batchId },
          data: { status: 'RETURNED' },
          include: { providerDept: { select: { name: true } } },
        });
        await recordEvent(tx, {
          batchId: b.id,
          kind: 'RETURNED',
          message: `校验完成：入库 ${b.rowsStored} 条，更新 ${b.rowsUpdated} 条，重复 ${b.rowsDuplicate} 条；${b.rowsSuspect} 条置疑数据已退回${b.providerDept.name}修复`,
          dedupKey: `${b.id}:returned`,
        });
      });
    },

    async finishBatch(input: { batchId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const b = await tx.importBatch.update({
          where: { id: input.batchId },
          data: { status: 'COMPLETED', finishedAt: new Date() },
        });
        const summary = `入库 ${b.rowsStored} 条，更新 ${b.rowsUpdated} 条，重复 ${b.rowsDuplicate} 条，置疑 ${b.rowsSuspect} 条（已修复 ${b.rowsFixed} 条）`;
        await recordEvent(tx, {
          batchId: b.id,
          kind: 'COMPLETED',
          message: `批次办结：${summary}`,
          dedupKey: `${b.id}:completed`,
        });
      });
    },

    /** Rolls the batch's data back first, so a failed batch leaves nothing half-written. */
    async failBatch(input: { batchId: string; message: string }): Promise<void> {
      await rollbackBatch(db, input.batchId);
      await db.$transaction(async (tx) => {
        await tx.importBatch.update({
          where: { id: input.batchId },
          data: { status: 'FAILED', error: input.message, finishedAt: new Date() },
        });
        await recordEvent(tx, {
          batchId: input.batchId,
          kind: 'FAILED',
          message: `导入失败：${input.message}`,
          dedupKey: `${input.batchId}:failed`,
        });
      });
    },

    async recordBatchEvent(input: { batchId: string; kind: string; message: string; dedupKey: string }): Promise<void> {
      await recordEvent(db, input);
    },
  };
}
