// Polling helpers for integration tests: the workflows run on a real worker, so tests wait for state.
import { db } from '../../lib/db';

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 90_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function waitForBatchStatus(batchId: string, statuses: string[], timeoutMs?: number) {
  return waitFor(
    `batch ${batchId} to reach ${statuses.join('/')}`,
    async () => {
      const b = await db.importBatch.findUnique({ where: { id: batchId } });
      return b && statuses.includes(b.status) ? b : null;
    },
    timeoutMs,
  );
}
