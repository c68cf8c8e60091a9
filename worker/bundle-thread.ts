// Thread entry of ./bundle.ts: webpack-bundles the workflows and hands the code back.
import { parentPort, workerData } from 'node:worker_threads';
import { bundleWorkflowCode } from '@temporalio/worker';

const { workflowsPath } = workerData as { workflowsPath: string };
try {
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: undefined });
  parentPort!.postMessage({ code });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
