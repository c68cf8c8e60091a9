// The states of a batch's import and its history lines, written by lib/batches/lifecycle.ts; each step is
// idempotent (dedup keys), so a retried activity leaves one line.
import { Context } from '@temporalio/activity';
import { recordEvent, type BatchEventInput } from '@/lib/batches/events';
import { failBatch, finishBatch, returnBatch, startBatch, type StartedBatch } from '@/lib/batches/lifecycle';
import type { ActivityDeps } from './index';

export function createBatchActivities({ db }: ActivityDeps) {
  return {
    async startBatch(input: { batchId: string }): Promise<StartedBatch> {
      return startBatch(db, input.batchId, Context.current().info.workflowExecution?.runId ?? 'standalone');
    },

    async returnBatch(input: { batchId: string }): Promise<void> {
      await returnBatch(db, input.batchId);
    },

    async finishBatch(input: { batchId: string }): Promise<void> {
      await finishBatch(db, input.batchId);
    },

    async failBatch(input: { batchId: string; message: string }): Promise<void> {
      await failBatch(db, input.batchId, input.message);
    },

    async recordBatchEvent(
      input: Pick<BatchEventInput, 'batchId' | 'kind' | 'message'> & { dedupKey: string },
    ): Promise<void> {
      await recordEvent(db, input);
    },
  };
}
