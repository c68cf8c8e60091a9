// The effectful steps of an exchange flow run (lib/exchange/flow-sync.ts). Each is idempotent: the run is
// found again by its workflow id, a chunk's cursor commits with its batch, a write-back skips what is there.
// A SourceStop becomes a non-retryable failure (a person must look); anything else is retried.
import { ApplicationFailure } from '@temporalio/common';
import {
  finishFlowRun,
  openFlowRun,
  syncFlowChunk,
  writeBackSuspects,
  type ChunkResult,
  type OpenedRun,
} from '@/lib/exchange/flow-sync';
import { uploadToCity, type CityUploadResult } from '@/lib/exchange/city/upload';
import { SourceStop, SourceUnavailable } from '@/lib/exchange/sources/types';
import type { ActivityDeps } from './index';

async function classified<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SourceStop) throw ApplicationFailure.nonRetryable(err.message, 'SourceStop');
    if (err instanceof SourceUnavailable) throw ApplicationFailure.retryable(err.message, 'SourceUnavailable');
    throw err;
  }
}

export function createExchangeFlowActivities(_deps: ActivityDeps) {
  return {
    async openExchangeRun(input: { flowId: string; workflowId: string; trigger: string }): Promise<OpenedRun> {
      return openFlowRun(input);
    },
    async syncExchangeChunk(input: { runId: string; chunkSize?: number; taskQueue?: string }): Promise<ChunkResult> {
      return classified(() => syncFlowChunk(input));
    },
    async writeBackExchangeSuspects(input: { runId: string }): Promise<number> {
      return classified(() => writeBackSuspects(input));
    },
    // Idempotent: an item already acknowledged is not sent again; one sent twice carries its id.
    async uploadToCityPlatform(): Promise<CityUploadResult> {
      return uploadToCity();
    },
    async finishExchangeRun(input: {
      runId: string;
      status: 'SUCCEEDED' | 'FAILED' | 'STOPPED';
      error?: string;
    }): Promise<void> {
      return finishFlowRun(input);
    },
  };
}
