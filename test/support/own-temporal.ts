// A Temporal dev server of a test's own, which the test may stop and start again: the stack's server is shared
// by every test and its death stops the stack. SQLite persistence (--db-filename) keeps workflows across a
// restart, and the server comes back on the same address, as a production server does after a restart.
// Spawned here rather than with startTemporalDevServer, which never hands out the same port twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeExit, freePort, spawnService, stopService, type Service } from '../../scripts/dev/processes';
import { devServerArgs, findOrBuildTemporalCli, waitForTemporal } from '../../scripts/dev/temporal';

export interface OwnTemporal {
  address: string;
  /** Stops the server (SIGTERM, as an operator's restart does). */
  stop(): Promise<void>;
  /** Starts it again on the same address with the same history. */
  start(): Promise<void>;
}

export async function ownTemporal(): Promise<OwnTemporal> {
  const dir = mkdtempSync(join(tmpdir(), 'own-temporal-'));
  const cli = await findOrBuildTemporalCli(() => {});
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const args = devServerArgs({ port, dbFile: join(dir, 'temporal.db') });
  let service: Service | undefined;
  const stop = async () => {
    if (service) await stopService(service, { timeoutMs: 15_000 });
    service = undefined;
  };
  const start = async () => {
    const started = spawnService('own-temporal', cli, args, { echo: false, logFile: join(dir, 'temporal.log') });
    service = started;
    try {
      await waitForTemporal(address, () => (started.exitInfo ? describeExit(started) : undefined), 60_000);
    } catch (err) {
      await stop();
      throw err;
    }
  };
  await start();
  return { address, start, stop };
}
