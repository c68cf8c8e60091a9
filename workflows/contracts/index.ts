// The contracts between the workflows and everything that starts, queries or acts on them (app, lib,
// activities, worker, tests): workflow type names with their inputs and results, Query and Update names, and
// the human-task shapes. This folder imports nothing, so importing it never pulls in workflow, activity or
// app code; workflows/index.ts is checked against WorkflowSignatures (test/unit/workflow-contracts.test.ts).
import type { CentreFeedbackInput, CentreFeedbackResult } from './centre-feedback';
import type { CityUploadWorkflowResult, ExchangeFlowRunInput, ExchangeFlowRunResult } from './exchange';
import type { ImportBatchInput, ImportBatchStatus } from './import-batch';
import type {
  BackupInput,
  BackupResult,
  DropFolderScanResult,
  FileStoreSweepResult,
  RestoreDrillInput,
  RestoreDrillResult,
} from './operations';
import type { PublicityExpiryInput, PublicityExpiryResult } from './publication';
import type { SuspectFixInput, SuspectFixResult } from './suspect-fix';

export * from './centre-feedback';
export * from './exchange';
export * from './import-batch';
export * from './operations';
export * from './publication';
export * from './suspect-fix';
export * from './tasks';

/** Every workflow type the worker runs, by its registered name. */
export interface WorkflowSignatures {
  importBatch: (input: ImportBatchInput) => Promise<ImportBatchStatus>;
  suspectFix: (input: SuspectFixInput) => Promise<SuspectFixResult>;
  centreFeedback: (input: CentreFeedbackInput) => Promise<CentreFeedbackResult>;
  backup: (input?: BackupInput) => Promise<BackupResult>;
  restoreDrill: (input: RestoreDrillInput) => Promise<RestoreDrillResult>;
  dropFolderScan: () => Promise<DropFolderScanResult>;
  disableDormantAccounts: () => Promise<string[]>;
  publicityExpiry: (input?: PublicityExpiryInput) => Promise<PublicityExpiryResult>;
  fileStoreSweep: () => Promise<FileStoreSweepResult>;
  exchangeFlowRun: (input: ExchangeFlowRunInput) => Promise<ExchangeFlowRunResult>;
  cityUpload: () => Promise<CityUploadWorkflowResult>;
}

export type WorkflowType = keyof WorkflowSignatures;
