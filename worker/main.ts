// The worker process: registers every workflow and activity on the platform's task queue.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { db } from '../lib/db';
import { env } from '../lib/env';
import { closeTemporal } from '../lib/temporal';
import { bundleWorkflows } from './bundle';
import { ensureSchedules } from './schedules';
import { startReconciler } from './start-reconciler';

async function run(): Promise<void> {
  const config = env();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await bundleWorkflows(fileURLToPath(new URL('../workflows/index.ts', import.meta.url))),
      activities: createActivities({ db }),
      // Bound memory on a 2-core county server; a busy city deployment raises these.
      maxCachedWorkflows: 200,
      maxConcurrentActivityTaskExecutions: 8,
    });
    await ensureSchedules();
    const stop = () => worker.shutdown();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    console.log(`worker ready on task queue "${config.TEMPORAL_TASK_QUEUE}" at ${config.TEMPORAL_ADDRESS}`);
    // Workflows owed by rows committed while Temporal was unreachable (lib/workflow-starts.ts).
    const reconciler = startReconciler(config.TEMPORAL_TASK_QUEUE);
    try {
      await worker.run();
    } finally {
      await reconciler.stop();
    }
  } finally {
    await connection.close();
    await closeTemporal();
    await db.$disconnect();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
