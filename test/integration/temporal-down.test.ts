// Temporal is unreachable when a row is committed (a restart, the network): the row is kept, the user is told it
// will be processed, and its workflow starts once Temporal is back — once, never twice (lib/workflow-starts.ts).
// The test runs its own Temporal dev server and worker, so that it can stop and start that server.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { env } from '../../lib/env';
import { ConflictError } from '../../lib/errors';
import { feedbackWorkflowId, sendFeedback } from '../../lib/feedback/send';
import { temporal } from '../../lib/temporal';
import { enqueueWorkflowStart, startEnqueued } from '../../lib/workflow-starts';
import { waitForOpenTask } from '../support/fix-loop';
import { ownTemporal, type OwnTemporal } from '../support/own-temporal';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor, waitForBatchStatus } from '../support/wait';
import { killGroup, spawnWorker } from '../support/worker-process';

const ROWS = 40;
const queue = `temporal-down-${randomUUID()}`;
let server: OwnTemporal | undefined;
let worker: ChildProcess;
let workerOutput = '';
let batchId: string;

beforeAll(async () => {
  const own = (server = await ownTemporal());
  // This file's client and the worker it spawns talk to that server (read once, on first use of the config).
  process.env.TEMPORAL_ADDRESS = own.address;
  expect(env().TEMPORAL_ADDRESS).toBe(own.address);
  worker = spawnWorker(queue);
  const collect = (chunk: Buffer) => (workerOutput += chunk.toString());
  worker.stdout?.on('data', collect);
  worker.stderr?.on('data', collect);
  await waitFor('the worker to poll', async () => workerOutput.includes('worker ready'), 180_000);
}, 300_000);

afterAll(async () => {
  if (worker) killGroup(worker, 'SIGKILL');
  await server?.stop();
  await db.$disconnect();
});

async function executions(workflowId: string): Promise<number> {
  let n = 0;
  for await (const _ of temporal().workflow.list({ query: `WorkflowId = '${workflowId}'` })) n++;
  return n;
}

describe('Temporal unreachable when a row is committed', () => {
  it('keeps an upload made while Temporal is down and imports it once Temporal is back, with nothing lost or doubled', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'temporal-down-')), 'penalties.xlsx');
    await writePenaltyXlsx(path, penaltyRows(ROWS, { prefix: `TD${Date.now()}-` }));

    await server!.stop();
    const batch = await uploadAs('scjgj01', 'ADMIN_PENALTY', path, queue);
    batchId = batch.id;
    // Not an error: the file is received and the uploader is told it will be processed.
    expect(batch.started).toBe(false);
    expect(batch.notice).toBe('处理服务暂时无法连接，已收到的内容不会丢失，服务恢复后将自动开始处理，无需重复提交');
    const received = await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(received.status).toBe('RECEIVED');
    expect(await db.pendingWorkflowStart.count({ where: { workflowId: received.workflowId } })).toBe(1);
    // The same file again is a duplicate of a batch that will be imported, not of a dead one.
    await expect(uploadAs('scjgj01', 'ADMIN_PENALTY', path, queue)).rejects.toBeInstanceOf(ConflictError);

    // Back after a while: the worker, which kept running, starts the owed import.
    await new Promise((r) => setTimeout(r, 3_000));
    await server!.start();
    const done = await waitForBatchStatus(batch.id, ['COMPLETED', 'RETURNED', 'FAILED'], 180_000);
    expect(worker.exitCode).toBeNull();

    expect(done.status).toBe('COMPLETED');
    expect(done.rowsRead).toBe(ROWS);
    expect(done.rowsStored).toBe(ROWS);
    const records = await db.creditRecord.findMany({ where: { batchId: batch.id }, select: { rowNumber: true } });
    expect(records.map((r) => r.rowNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: ROWS }, (_, i) => i + 2),
    );
    const history = await db.batchEvent.findMany({ where: { batchId: batch.id }, orderBy: { id: 'asc' } });
    expect(history.filter((e) => e.kind === 'RECEIVED')).toHaveLength(1);
    expect(history.filter((e) => e.kind === 'START_DEFERRED')).toHaveLength(1);
    expect(await db.pendingWorkflowStart.count({ where: { workflowId: received.workflowId } })).toBe(0);
    expect(await waitFor('the execution to be listed', async () => executions(received.workflowId))).toBe(1);

    // Owed once more (as after a crash between the start and the deletion of the owed row): Temporal already
    // has this workflow, completed, so the start counts as made and no second import runs.
    await db.$transaction((tx) =>
      enqueueWorkflowStart(tx, {
        workflowType: 'importBatch',
        workflowId: received.workflowId,
        args: [{ batchId: batch.id }],
        taskQueue: queue,
      }),
    );
    expect(await startEnqueued(received.workflowId)).toBe(true);
    expect(await db.pendingWorkflowStart.count({ where: { workflowId: received.workflowId } })).toBe(0);
    expect(await executions(received.workflowId)).toBe(1);
    expect(await db.creditRecord.count({ where: { batchId: batch.id } })).toBe(ROWS);
  });

  it('keeps a centre feedback sent while Temporal is down and opens its task once Temporal is back', async () => {
    const centre = (await loadUser({ username: 'xyzx01' }))!;
    const recordIds = (
      await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' }, take: 2 })
    ).map((r) => r.id);

    await server!.stop();
    const sent = await sendFeedback(centre, { recordIds, reason: '处罚金额与处罚内容不一致，请核实。' }, null, queue);
    expect(sent.started).toBe(false);
    expect(sent.notice).toContain('无需重复提交');
    expect(sent.cases).toHaveLength(1);
    const caseId = sent.cases[0]!.id;
    expect(await db.feedbackCase.count({ where: { id: caseId } })).toBe(1);

    await server!.start();
    const task = await waitForOpenTask(`${feedbackWorkflowId(caseId)}:respond`);
    expect(task.kind).toBe('CENTRE_FEEDBACK');
    expect(await db.task.count({ where: { workflowId: feedbackWorkflowId(caseId) } })).toBe(1);
    expect(await db.pendingWorkflowStart.count({ where: { workflowId: feedbackWorkflowId(caseId) } })).toBe(0);
    expect(worker.exitCode).toBeNull();
  });
});
