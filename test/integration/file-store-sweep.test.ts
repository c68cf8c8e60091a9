// The orphan sweep of the file store, run by the real worker as the scheduled workflow runs it: a
// stored file nothing references is removed once it is older than the grace period (FILE_ORPHAN_GRACE_HOURS,
// 24 h by default); a referenced file, a young one and the drop folders stay; a second run removes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { storeRoot } from '../../lib/files/store';
import { temporal } from '../../lib/temporal';
import { FILE_SWEEP_SCHEDULE_ID } from '../../worker/schedules';
import {
  FILE_STORE_SWEEP_WORKFLOW,
  type FileStoreSweepResult,
  type WorkflowSignatures,
} from '../../workflows/contracts';
import { recordHistoryIfAsked } from '../support/histories';

afterAll(() => db.$disconnect());

const DAY = 24 * 3600_000;

/** A file last written `ageMs` ago. */
function aged(full: string, ageMs: number, content = 'x'): string {
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  const at = new Date(Date.now() - ageMs);
  utimesSync(full, at, at);
  return full;
}

/** A file in the store as saveStream writes it (<2 hex>/<sha256>), last written `ageMs` ago. */
function storedFile(ageMs: number): { rel: string; sha256: string; full: string } {
  const content = `sweep ${randomUUID()}`;
  const sha256 = createHash('sha256').update(content).digest('hex');
  const rel = join(sha256.slice(0, 2), sha256);
  return { rel, sha256, full: aged(join(storeRoot(), rel), ageMs, content) };
}

async function runSweep(record?: string): Promise<FileStoreSweepResult> {
  const handle = await temporal().workflow.start<WorkflowSignatures['fileStoreSweep']>(FILE_STORE_SWEEP_WORKFLOW, {
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'xinyong',
    workflowId: `file-store-sweep-test-${randomUUID()}`,
    args: [],
  });
  if (record) await recordHistoryIfAsked(handle, record);
  return handle.result();
}

describe('file store sweep', () => {
  it('R-8.1 removes an orphan older than the grace period and keeps a referenced, a young and an exchange file', async () => {
    const orphan = storedFile(2 * DAY);
    const referenced = storedFile(2 * DAY);
    await db.storedFile.create({
      data: { sha256: referenced.sha256, size: 10, originalName: 'kept.xlsx', storagePath: referenced.rel },
    });
    const young = storedFile(DAY - 3600_000);
    const crashed = aged(join(storeRoot(), 'tmp', randomUUID()), 2 * DAY);
    const dropped = aged(join(storeRoot(), 'exchange', 'TEST', 'inbox', `old-${randomUUID()}.xlsx`), 30 * DAY);

    const first = await runSweep('file-store-sweep');
    expect(first.sample).toEqual(expect.arrayContaining([orphan.rel]));
    expect(existsSync(orphan.full)).toBe(false);
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(referenced.full)).toBe(true);
    expect(existsSync(young.full)).toBe(true);
    expect(existsSync(dropped)).toBe(true);

    // Idempotent: nothing more to remove.
    expect((await runSweep()).removed).toBe(0);
  });

  it('R-8.1 runs nightly on a Temporal Schedule registered by the worker', async () => {
    const described = await temporal().schedule.getHandle(FILE_SWEEP_SCHEDULE_ID).describe();
    expect(described.action.type === 'startWorkflow' && described.action.workflowType).toBe('fileStoreSweep');
    expect(described.spec.calendars?.length).toBe(1);
  });
});
