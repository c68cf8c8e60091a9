// The contract of an exchange flow's run: started by the flow's Temporal Schedule
// (lib/exchange/flow-schedule.ts) or on demand (立即运行 / 重试, a durable start).

export const EXCHANGE_FLOW_RUN_WORKFLOW = 'exchangeFlowRun';

export interface ExchangeFlowRunInput {
  flowId: string;
  trigger?: 'SCHEDULE' | 'MANUAL' | 'RETRY';
  /** Rows per chunk (one batch each); default lib/exchange/flow-sync.ts DEFAULT_CHUNK. */
  chunkSize?: number;
  /** The task queue of the import workflows the run starts (tests run a dedicated worker). */
  taskQueue?: string;
}

export interface ExchangeFlowRunResult {
  runId: string;
  /** SKIPPED: a scheduled run of a disabled or stopped flow. */
  status: 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'SKIPPED';
  rows: number;
  batches: number;
  error?: string;
}

export const exchangeFlowScheduleId = (flowId: string) => `exchange-flow-${flowId}`;

// The scheduled upload of 双公示 records to the city platform (R-4.0, lib/exchange/city/upload.ts), with
// acknowledgements per item and re-sends of what the city has not acknowledged.
export const CITY_UPLOAD_WORKFLOW = 'cityUpload';
export const CITY_UPLOAD_SCHEDULE_ID = 'city-upload';

export interface CityUploadWorkflowResult {
  skipped: boolean;
  queued: number;
  sent: number;
  acknowledged: number;
  pending: number;
  error?: string;
}
