// Deadlines of the human-task pattern (docs/architecture.md, R-2.3): when the department lets the fix task pass its
// working-day deadline the workflow reminds, and later escalates to the credit centre. Runs the real
// workflows and activities on an in-process worker; only the deadlines the openTask activity computes
// are shortened to seconds, because the Temporal dev server cannot skip five working days.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { db } from '../../lib/db';
import { env } from '../../lib/env';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor } from '../support/wait';

afterAll(() => db.$disconnect());

describe('return-and-fix deadlines', () => {
  it('R-2.3 R-9.3 reminds at the deadline and escalates after the configured working days', async () => {
    const queue = `deadline-${randomUUID()}`;
    const real = createActivities({ db });
    const activities = {
      ...real,
      openTask: async (spec: Parameters<typeof real.openTask>[0]) => {
        const opened = await real.openTask(spec);
        return { ...opened, dueAt: Date.now() + 1_500, escalateAt: Date.now() + 3_000 };
      },
    };
    const connection = await NativeConnection.connect({ address: env().TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection,
      taskQueue: queue,
      workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
      activities,
    });
    const path = join(mkdtempSync(join(tmpdir(), 'deadline-')), 'late.xlsx');
    await writePenaltyXlsx(path, penaltyRows(4, { faultEvery: 4, prefix: `D${Date.now()}-` }));

    await worker.runUntil(async () => {
      const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path, queue);
      const task = await waitFor('escalation', async () => {
        const t = await db.task.findUnique({ where: { id: `suspect-fix-${id}:fix` } });
        return t?.escalatedAt ? t : null;
      });
      expect(task.remindedAt!.getTime()).toBeLessThanOrEqual(task.escalatedAt!.getTime());
      expect(task.priority).toBe(90);
      expect(task.status).toBe('OPEN');
      // The history line follows the task update in the next activity: wait for it too.
      const kinds = await waitFor('the escalation in the batch history', async () => {
        const events = await db.batchEvent.findMany({ where: { batchId: id }, orderBy: { id: 'asc' } });
        return events.some((e) => e.kind === 'FIX_ESCALATED') ? events.map((e) => e.kind) : null;
      });
      expect(kinds).toEqual(['RECEIVED', 'PROCESSING', 'RETURNED', 'FIX_OVERDUE', 'FIX_ESCALATED']);
      // Leave nothing running: terminating the parent terminates the fix loop too (ParentClosePolicy).
      await new Client({ connection: await Connection.connect({ address: env().TEMPORAL_ADDRESS }) }).workflow
        .getHandle(`import-${id}`)
        .terminate('test done');
      await real.closeTask({ taskId: task.id, completedById: null });
    });
    await connection.close();
  });
});
