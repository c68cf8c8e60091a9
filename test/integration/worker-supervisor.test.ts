// `npm start` keeps the platform running when the worker dies (scripts/dev/supervisor.ts, used by
// scripts/dev/stack.ts): the worker is killed with SIGKILL in the middle of an import, the supervisor starts it
// again, and the import completes with every row accounted for. A service that keeps dying on start is given up
// on with its reason.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { spawnService } from '../../scripts/dev/processes';
import { ROOT } from '../../scripts/dev/root';
import { supervise, type Supervised } from '../../scripts/dev/supervisor';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor, waitForBatchStatus } from '../support/wait';
import { expectEveryRowOnce } from '../support/row-accounting';

const ROWS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
const supervised: Supervised[] = [];

afterAll(async () => {
  for (const s of supervised) await s.stop({ signal: 'SIGKILL', timeoutMs: 1_000 });
  await db.$disconnect();
});

describe('the supervisor of npm start', () => {
  it('restarts a worker killed with SIGKILL mid-import, and the import completes with every row accounted for', async () => {
    const queue = `supervised-${randomUUID()}`;
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const worker = supervise({
      start: () =>
        spawnService('worker', join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'worker', 'main.ts')], {
          cwd: ROOT,
          env: { ...process.env, TEMPORAL_TASK_QUEUE: queue, MALLOC_ARENA_MAX: '2' },
          echo: false,
          logFile: join(dir, 'worker.log'),
        }),
      log: (line) => lines.push(line),
      onGiveUp: (reason) => gaveUp.push(reason),
    });
    supervised.push(worker);

    const path = join(dir, 'big.xlsx');
    await writePenaltyXlsx(path, penaltyRows(ROWS, { faultEvery: 97, prefix: `S${Date.now()}-` }));
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path, queue);
    await waitFor(
      'a few committed chunks',
      async () => {
        const b = await db.importBatch.findUniqueOrThrow({ where: { id } });
        return b.cursor >= 2_000 ? b : null;
      },
      300_000,
    );
    const killed = worker.current;
    process.kill(-killed.pid, 'SIGKILL');
    expect((await db.importBatch.findUniqueOrThrow({ where: { id } })).status).toBe('PROCESSING');

    const done = await waitForBatchStatus(id, ['RETURNED', 'COMPLETED', 'FAILED'], 240_000);
    expect(worker.restarts).toBe(1);
    expect(worker.current.pid).not.toBe(killed.pid);
    expect(gaveUp).toEqual([]);
    expect(lines.join('\n')).toContain(`worker (pid ${killed.pid}) was killed by SIGKILL; restarting it in 1 s`);

    expect(done.status).toBe('RETURNED');
    await expectEveryRowOnce(id, ROWS, done);
  }, 600_000);

  it('gives up on a service that keeps dying on start, with its reason', async () => {
    const lines: string[] = [];
    const reason = await new Promise<string>((resolve) => {
      supervised.push(
        supervise({
          start: () =>
            spawnService('broken', process.execPath, ['-e', 'console.error("missing setting X"); process.exit(3)'], {
              echo: false,
            }),
          log: (line) => lines.push(line),
          policy: { startupWindowMs: 60_000, maxStartFailures: 3, firstDelayMs: 50, maxDelayMs: 1_000 },
          onGiveUp: resolve,
        }),
      );
    });
    expect(reason).toMatch(/^broken keeps dying on start \(3 times in a row within 60 s of starting\)/);
    expect(reason).toContain('exited with code 3');
    expect(reason).toContain('missing setting X');
    expect(lines.filter((l) => l.includes('restarting it in'))).toHaveLength(2);
    expect(supervised.at(-1)!.restarts).toBe(2);
  });
});
