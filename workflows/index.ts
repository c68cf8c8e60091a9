// The worker's workflowsPath entry: every workflow type the platform runs.
export { importBatch, importStatusQuery } from './import-batch';
export { suspectFix } from './suspect-fix';
export { centreFeedback } from './centre-feedback';
export { taskActionUpdate } from './human-task';
export { disableDormantAccounts } from './dormant-accounts';
export { dropFolderScan } from './drop-folder-scan';
export { backup } from './backup';
export { restoreDrill } from './restore-drill';
export { fileStoreSweep } from './file-store-sweep';
