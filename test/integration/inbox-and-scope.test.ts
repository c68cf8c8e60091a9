// The inbox and data scope: claiming is race-safe; a department sees its own batches, a
// leader also those of subordinate units, the credit centre all; nobody sees another department's tasks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { getBatchDetail, listBatches } from '../../lib/batches/queries';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { submitFixes } from '../../lib/suspects/fix-task';
import { claimTask, inboxCounts, listInbox } from '../../lib/tasks/inbox';
import { escalateTaskRow } from '../../lib/tasks/projection';
import { findInInbox } from '../support/inbox';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor } from '../support/wait';

const users: Record<string, CurrentUser> = {};
let batchId: string;
let taskId: string;

beforeAll(async () => {
  for (const u of ['scjgj01', 'scjgj02', 'swj01', 'xyzx01', 'scjgj_lead', 'mq01'])
    users[u] = (await loadUser({ username: u }))!;
  const path = join(mkdtempSync(join(tmpdir(), 'inbox-')), 'two.xlsx');
  await writePenaltyXlsx(path, penaltyRows(2, { faultEvery: 2, prefix: `I${Date.now()}-` }));
  batchId = (await uploadAs('scjgj01', 'ADMIN_PENALTY', path)).id;
  taskId = `suspect-fix-${batchId}:fix`;
  await waitFor('fix task', () => db.task.findUnique({ where: { id: taskId } }));
});

afterAll(() => db.$disconnect());

describe('inbox', () => {
  it('R-9.2 offers a new task to every operator of the department until one claims it', async () => {
    for (const u of ['scjgj01', 'scjgj02']) expect(await findInInbox(users[u]!, 'department', taskId)).toBeDefined();
    expect(await findInInbox(users.swj01!, 'department', taskId)).toBeUndefined();
  });

  it('R-9.2 lets exactly one of two simultaneous claims win', async () => {
    const results = await Promise.allSettled([claimTask(users.scjgj01!, taskId), claimTask(users.scjgj02!, taskId)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    const winner = task.assigneeId === users.scjgj01!.id ? 'scjgj01' : 'scjgj02';
    const loser = winner === 'scjgj01' ? 'scjgj02' : 'scjgj01';
    expect(await findInInbox(users[winner]!, 'mine', taskId)).toBeDefined();
    expect(await findInInbox(users[loser]!, 'department', taskId)).toBeUndefined();
    // Only the assignee may act on a claimed task.
    const item = await db.suspectItem.findFirstOrThrow({ where: { batchId } });
    await expect(
      submitFixes(users[loser]!, taskId, { rows: [{ itemId: item.id, values: {} }] }, null),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('R-7.4 refuses another department the task and keeps it from claiming it', async () => {
    await expect(claimTask(users.swj01!, taskId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('R-2.3 R-9.2 puts an escalated task before the credit centre for follow-up (督办), and nobody else', async () => {
    expect(await findInInbox(users.xyzx01!, 'supervise', taskId)).toBeUndefined(); // not escalated yet
    // What the escalation activity writes when the deadline and the reminder have passed (lib/tasks/projection.ts).
    await escalateTaskRow(db, taskId);
    const row = await findInInbox(users.xyzx01!, 'supervise', taskId);
    expect(row).toMatchObject({ escalated: true, deptName: '县市场监管局' });
    expect((await inboxCounts(users.xyzx01!)).supervise).toBeGreaterThanOrEqual(1);
    // The department keeps the task; it is not offered to the centre to act on.
    await expect(claimTask(users.xyzx01!, taskId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listInbox(users.scjgj01!, 'supervise', 1)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await inboxCounts(users.scjgj01!)).supervise).toBeNull();
  });
});

describe('batch data scope', () => {
  it('R-7.4 shows a batch to its department, the department leader (with subordinates) and the credit centre only', async () => {
    for (const u of ['scjgj01', 'scjgj_lead', 'xyzx01']) {
      expect((await getBatchDetail(users[u]!, batchId)).id).toBe(batchId);
    }
    for (const u of ['swj01', 'mq01']) {
      await expect(getBatchDetail(users[u]!, batchId)).rejects.toBeInstanceOf(NotFoundError);
      expect((await listBatches(users[u]!, 1)).rows.map((b) => b.id)).not.toContain(batchId);
    }
  });
});
