// The one Temporal client of the web app (lazy connection, reused by every request).
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

export const taskQueue = () => env().TEMPORAL_TASK_QUEUE;
export const importWorkflowId = (batchId: string) => `import-${batchId}`;

/** At the end of a process that used the client (the worker): its connection would otherwise keep the process alive. */
export async function closeTemporal(): Promise<void> {
  const client = globalForTemporal.temporal;
  globalForTemporal.temporal = undefined;
  await client?.connection.close();
}
