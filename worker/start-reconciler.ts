// Starts the workflows committed rows are owed (lib/workflow-starts.ts): once when the worker starts, then every
// INTERVAL_MS. A plain timer in the worker rather than a Temporal Schedule: the starts it makes are owed precisely
// because Temporal was unreachable, so it must not depend on Temporal to run; and a Schedule firing every few
// seconds would add thousands of workflow executions a day to the history for a check that is almost always empty.
// The worker is the process that runs these workflows, so it starts those of its own task queue.
import { startPendingWorkflows } from '../lib/workflow-starts';

const INTERVAL_MS = 10_000;

export function startReconciler(taskQueue: string, intervalMs = INTERVAL_MS): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failing = false;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      const result = await startPendingWorkflows({ taskQueue });
      if (result.started > 0) console.log(`started ${result.started} owed workflow(s); ${result.pending} still owed`);
      // One line when starts begin to fail and one when they work again, not one every interval.
      if (result.error && !failing) console.error(`owed workflow starts wait for Temporal: ${result.error}`);
      if (!result.error && failing) console.log('owed workflow starts resumed');
      failing = Boolean(result.error);
    } catch (err) {
      // The database may be away too: try again next time.
      if (!failing) console.error('owed workflow starts could not be read:', err);
      failing = true;
    }
  };
  const loop = () => {
    running = pass().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
