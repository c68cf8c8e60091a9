// Fault injection: the worker is killed with SIGKILL in the middle of an import; a new
// worker finishes the batch with no duplicate and no lost row.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor, waitForBatchStatus } from '../support/wait';
import { killGroup, spawnWorker } from '../support/worker-process';
import { expectEveryRowOnce } from '../support/row-accounting';

const ROWS = 30_000;
const workers: ReturnType<typeof spawnWorker>[] = [];

afterAll(async () => {
  for (const w of workers) killGroup(w, 'SIGKILL');
  await db.$disconnect();
});

describe('worker crash during an import', () => {
  it('R-9.1 R-2.1 a worker killed with SIGKILL mid-import resumes and finishes with no duplicate and no lost row', async () => {
    const queue = `crash-${randomUUID()}`;
    const path = join(mkdtempSync(join(tmpdir(), 'crash-')), 'big.xlsx');
    await writePenaltyXlsx(path, penaltyRows(ROWS, { faultEvery: 97, prefix: `K${Date.now()}-` }));

    const first = spawnWorker(queue);
    workers.push(first);
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path, queue);

    // Kill once a few chunks are committed and well before the end.
    const before = await waitFor('a few committed chunks', async () => {
      const b = await db.importBatch.findUniqueOrThrow({ where: { id } });
      return b.cursor >= 3_000 ? b : null;
    });
    killGroup(first, 'SIGKILL');
    expect(before.cursor).toBeLessThan(ROWS);
    const atKill = await db.importBatch.findUniqueOrThrow({ where: { id } });
    expect(atKill.status).toBe('PROCESSING');

    workers.push(spawnWorker(queue));
    const done = await waitForBatchStatus(id, ['RETURNED', 'COMPLETED', 'FAILED'], 240_000);

    expect(done.status).toBe('RETURNED');
    await expectEveryRowOnce(id, ROWS, done);
    const history = await db.batchEvent.findMany({ where: { batchId: id } });
    expect(history.filter((e) => e.kind === 'RETURNED')).toHaveLength(1);
  });
});
