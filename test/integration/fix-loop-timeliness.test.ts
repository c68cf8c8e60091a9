// Timeliness of 双公示 records: a record reported more than 7 working days after its decision
// date is flagged, not refused — on import and when a returned row is fixed later — and the flag is counted
// per batch and shown on the record's trace.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { loadCalendar } from '../../lib/calendar/load';
import { dayKeyOf, workdaysBetween } from '../../lib/calendar/workdays';
import { db } from '../../lib/db';
import { env } from '../../lib/env';
import { listBatchRecords } from '../../lib/records/batch-records';
import { getRecordTimeline } from '../../lib/records/timeline';
import { lateCounts } from '../../lib/records/timeliness';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { uploadRows, waitForOpenTask } from '../support/fix-loop';
import { penaltyRows } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

let operator: CurrentUser;
let eightAgo: string;
let sixAgo: string;

/** The latest calendar day with exactly n working days between it and today (today counted when a workday). */
async function workdaysAgo(n: number): Promise<string> {
  const cal = await loadCalendar(db);
  const now = new Date();
  for (let back = 1; back < 60; back++) {
    const day = new Date(`${dayKeyOf(now)}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - back);
    if (workdaysBetween(day, now, cal) === n) return day.toISOString().slice(0, 10);
  }
  throw new Error(`no day ${n} working days ago`);
}

beforeAll(async () => {
  operator = (await loadUser({ username: 'scjgj01' }))!;
  [eightAgo, sixAgo] = [await workdaysAgo(8), await workdaysAgo(6)];
});
afterAll(() => db.$disconnect());

describe('timeliness flag', () => {
  it('R-2.1 R-2.4 flags a record decided 8 working days before upload and not one decided 6 before', async () => {
    const rows = penaltyRows(2, { prefix: `TL${Date.now()}-` });
    rows[0]!.values.decisionDate = eightAgo;
    rows[1]!.values.decisionDate = sixAgo;
    const batchId = await uploadRows('scjgj01', rows);
    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    expect(batch.rowsStored).toBe(2); // flagged, never refused
    const records = await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect(records.map((r) => [r.decisionDate!.toISOString().slice(0, 10), r.reportedLate])).toEqual([
      [eightAgo, true],
      [sixAgo, false],
    ]);
    expect(await lateCounts(db, { batchId })).toEqual({ total: 2, late: 1 });
    const page = await listBatchRecords(operator, batchId, 1);
    expect(page.late).toBe(1);
    expect(page.rows.map((r) => r.reportedLate)).toEqual([true, false]);

    const trace = await getRecordTimeline(operator, records[0]!.id, null);
    expect(trace.record).toMatchObject({ reportedLate: true, timelinessWorkdays: 7 });
  });

  it('R-2.1 judges a row fixed later by when the department first reported it', async () => {
    const rows = penaltyRows(1, { prefix: `TM${Date.now()}-` });
    rows[0]!.values.decisionDate = eightAgo;
    rows[0]!.values.penaltyCategory = '99';
    const batchId = await uploadRows('scjgj01', rows);
    const taskId = `suspect-fix-${batchId}:fix`;
    await waitForOpenTask(taskId);
    const [item] = (await getFixTask(operator, taskId, null)).items;
    await submitFixes(
      operator,
      taskId,
      { rows: [{ itemId: item!.id, values: { ...item!.values, penaltyCategory: '03' } }] },
      null,
    );
    await waitForBatchStatus(batchId, ['COMPLETED']);
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId } });
    expect(record.reportedLate).toBe(true);
  });

  it('R-2.1 judges a changed repeat again by its new decision date, keeping when it was first reported', async () => {
    const [row] = penaltyRows(1, { prefix: `TR${Date.now()}-` });
    row!.values.decisionDate = sixAgo;
    const first = await uploadRows('scjgj01', [row!]);
    await waitForBatchStatus(first, ['COMPLETED']);
    expect((await db.creditRecord.findFirstOrThrow({ where: { batchId: first } })).reportedLate).toBe(false);

    // The same decision (natural key) sent again with an earlier decision date: now 8 working days before.
    const second = await uploadRows('scjgj01', [{ ...row!, values: { ...row!.values, decisionDate: eightAgo } }]);
    const batch = await waitForBatchStatus(second, ['COMPLETED']);
    expect(batch.rowsUpdated).toBe(1);
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId: second } });
    expect([record.revision, record.reportedLate]).toEqual([2, true]);
  });

  it('R-2.1 judges a changed repeat by when its record was first reported, not by the later batch', async () => {
    const [row] = penaltyRows(1, { prefix: `TF${Date.now()}-` });
    row!.values.decisionDate = eightAgo;
    const first = await uploadRows('scjgj01', [row!]);
    await waitForBatchStatus(first, ['COMPLETED']);
    const stored = await db.creditRecord.findFirstOrThrow({ where: { batchId: first } });
    expect(stored.reportedLate).toBe(true);
    // As if the department had reported it three working days ago, five after the decision: on time.
    const threeAgo = await workdaysAgo(3);
    await db.creditRecord.update({
      where: { id: stored.id },
      data: { createdAt: new Date(`${threeAgo}T12:00:00+08:00`) },
    });

    // Today the same decision comes again with another fine: judged by the first report, it stays on time.
    const second = await uploadRows('scjgj01', [{ ...row!, values: { ...row!.values, fineAmount: '0.9' } }]);
    const batch = await waitForBatchStatus(second, ['COMPLETED']);
    expect(batch.rowsUpdated).toBe(1);
    const record = await db.creditRecord.findUniqueOrThrow({ where: { id: stored.id } });
    expect([record.revision, record.batchId, record.reportedLate]).toEqual([2, second, false]);
  });

  it('R-2.1 R-9.1 judges a changed repeat whose import ran on a worker from before timeliness-at-commit', async () => {
    // A rolling deploy: the import workflow is new, its import activity runs on a worker still on the old code,
    // which leaves a changed repeat's flag as it was and does not say that it judged timeliness.
    const queue = `old-import-${randomUUID()}`;
    const real = createActivities({ db });
    const activities = {
      ...real,
      importFile: async (input: { batchId: string }) => {
        const { timelinessJudged: _, ...result } = await real.importFile(input);
        await db.creditRecord.updateMany({
          where: { batchId: input.batchId, revision: { gt: 1 } },
          data: { reportedLate: false },
        });
        return result;
      },
    };
    const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
    const connection = await NativeConnection.connect({ address: env().TEMPORAL_ADDRESS });
    const worker = await Worker.create({ connection, taskQueue: queue, workflowsPath, activities });
    const client = new Client({ connection: await Connection.connect({ address: env().TEMPORAL_ADDRESS }) });
    try {
      await worker.runUntil(async () => {
        const [row] = penaltyRows(1, { prefix: `TO${Date.now()}-` });
        row!.values.decisionDate = sixAgo;
        const first = await uploadRows('scjgj01', [row!], undefined, queue);
        await waitForBatchStatus(first, ['COMPLETED']);
        // Sent again with an earlier decision date: 8 working days before it was first reported.
        const again = [{ ...row!, values: { ...row!.values, decisionDate: eightAgo } }];
        const second = await uploadRows('scjgj01', again, undefined, queue);
        expect((await waitForBatchStatus(second, ['COMPLETED'])).rowsUpdated).toBe(1);
        const record = await db.creditRecord.findFirstOrThrow({ where: { batchId: second } });
        expect([record.revision, record.reportedLate]).toEqual([2, true]);
        // The run that took the new branch replays against the workflow code.
        const history = await client.workflow.getHandle(`import-${second}`).fetchHistory();
        await Worker.runReplayHistory({ workflowsPath }, history);
      });
    } finally {
      await client.connection.close();
      await connection.close();
    }
  });
});
