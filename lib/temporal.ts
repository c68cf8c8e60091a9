// The one Temporal client of a process (lazy connection): the app's requests, the worker's schedules and starts.
import { Client, Connection } from '@temporalio/client';
import { env } from './env';

const globalForTemporal = globalThis as unknown as { temporal?: Client };

export function temporal(): Client {
  if (!globalForTemporal.temporal) {
    const config = env();
    globalForTemporal.temporal = new Client({
      connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
      namespace: config.TEMPORAL_NAMESPACE,
    });
  }
  return globalForTemporal.temporal;
}

/** Closes the client's connection, if one was made (a process that ends, e.g. the worker after its shutdown). */
export async function closeTemporal(): Promise<void> {
  const client = globalForTemporal.temporal;
  globalForTemporal.temporal = undefined;
  await client?.connection.close();
}

export const taskQueue = () => env().TEMPORAL_TASK_QUEUE;
export const importWorkflowId = (batchId: string) => `import-${batchId}`;
