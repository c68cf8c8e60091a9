// The workflow bundle, built on a thread of its own. Bundling runs webpack, whose heap (a few hundred MB) would
// otherwise stay in the worker's resident memory for the life of the process; a thread's heap goes back to the
// system when the thread ends, which leaves room for imports within the 600 MB budget.
import type { WorkflowBundle } from '@temporalio/worker';
import { siblingModule, startThread } from '../lib/import/threads';

export function bundleWorkflows(workflowsPath: string): Promise<WorkflowBundle> {
  return new Promise((resolve, reject) => {
    const thread = startThread(siblingModule(import.meta.url, 'bundle-thread'), { workflowsPath }, {});
    thread.once('message', (m: { code?: string; error?: string }) => {
      void thread.terminate();
      if (m.code) resolve({ code: m.code });
      else reject(new Error(`bundling the workflows failed: ${m.error}`));
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the bundling thread stopped (exit code ${code})`)));
  });
}
