// The worker's workflowsPath entry: every workflow type the platform runs.
export { importBatch, importStatusQuery } from './import-batch';
export { suspectFix } from './suspect-fix';
export { taskActionUpdate } from './human-task';
