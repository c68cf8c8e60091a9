// The worker's workflowsPath entry: every workflow type the platform runs, each matching its contract in
// workflows/contracts (WorkflowSignatures; checked by test/unit/workflow-contracts.test.ts).
export { importBatch } from './import-batch';
export { suspectFix } from './suspect-fix';
export { centreFeedback } from './centre-feedback';
export { disableDormantAccounts } from './dormant-accounts';
export { dropFolderScan } from './drop-folder-scan';
export { backup } from './backup';
export { restoreDrill } from './restore-drill';
export { publicityExpiry } from './publicity-expiry';
export { fileStoreSweep } from './file-store-sweep';
export { exchangeFlowRun } from './exchange-flow-run';
export { cityUpload } from './city-upload';
