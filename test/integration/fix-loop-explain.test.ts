// Explanations: instead of fixing a row the department may explain why it is right; once it
// has dealt with every row, the credit centre reviews the explanations in its own task and accepts a row
// (stored as it is, the explanation kept) or returns it with a comment, which opens the department's next
// round. Nobody else can see or decide the centre's task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { NotFoundError } from '../../lib/errors';
import { submitExplanations } from '../../lib/suspects/explain';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { getReviewTask, reviewDecisionsSchema, submitReview } from '../../lib/suspects/review';
import { getActionableTask } from '../../lib/tasks/inbox';
import { uploadRows, waitForClosedTask, waitForOpenTask } from '../support/fix-loop';
import { findInInbox } from '../support/inbox';
import { penaltyRows, type PenaltyRow } from '../support/penalty-data';
import { waitFor, waitForBatchStatus } from '../support/wait';

const users: Record<string, CurrentUser> = {};
let rows: PenaltyRow[];
let clean: PenaltyRow[];
let batchId: string;
const fixTask = () => `suspect-fix-${batchId}:fix`;
const reviewTask = () => `suspect-fix-${batchId}:review`;
const itemAt = (rowNumber: number) => db.suspectItem.findFirstOrThrow({ where: { batchId, rowNumber } });

beforeAll(async () => {
  for (const u of ['scjgj01', 'scjgj_lead', 'swj01', 'xyzx01']) users[u] = (await loadUser({ username: u }))!;
  // Faulty rows: 4 (wrong USCC check character), 10 (name differs from the registered subject), 12 (处罚类别 99).
  clean = penaltyRows(11, { prefix: `EX${Date.now()}-` });
  rows = clean.map((r) => ({ ...r, values: { ...r.values } }));
  const uscc = rows[2]!.values.uscc!;
  rows[2]!.values.uscc = uscc.slice(0, 17) + (uscc.endsWith('1') ? '2' : '1');
  rows[8]!.values.subjectName = `${rows[8]!.values.subjectName}（更名后）`;
  rows[10]!.values.penaltyCategory = '99';
  batchId = await uploadRows('scjgj01', rows);
  await waitForBatchStatus(batchId, ['RETURNED']);
  await waitForOpenTask(fixTask());
});
afterAll(() => db.$disconnect());

describe('explain and let the centre decide', () => {
  it('R-2.3 takes explanations from the department and fixes for the other rows, then closes its task', async () => {
    const view = await getFixTask(users.scjgj01!, fixTask(), null);
    expect(view.items.map((i) => i.rowNumber)).toEqual([4, 10, 12]);
    const reply = await submitExplanations(
      users.scjgj01!,
      fixTask(),
      {
        rows: [
          {
            itemId: (await itemAt(10)).id,
            explanation: '该企业已于本月更名，登记信息尚未同步，名称以处罚决定书为准。',
          },
          { itemId: (await itemAt(12)).id, explanation: '处罚类别按市局新规定填写为99（其他）。' },
        ],
      },
      null,
    );
    expect(reply).toMatchObject({ done: false, data: { explainedNow: 2, open: 1, explained: 2 } });
    expect((await itemAt(10)).status).toBe('EXPLAINED');

    const usccItem = view.items.find((i) => i.rowNumber === 4)!;
    const fixed = await submitFixes(
      users.scjgj01!,
      fixTask(),
      { rows: [{ itemId: usccItem.id, values: { ...usccItem.values, uscc: clean[2]!.values.uscc! } }] },
      null,
    );
    expect(fixed).toMatchObject({ done: true, data: { stored: 1, open: 0, explained: 2 } });
    expect(fixed.message).toContain('2 条说明待信用中心确认');
    await waitForClosedTask(fixTask());
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe('RETURNED');
  });

  it('R-7.4 opens one review task for the credit centre only', async () => {
    const task = await waitForOpenTask(reviewTask());
    expect(task.kind).toBe('SUSPECT_REVIEW');
    expect(task.candidatePermission).toBe('data:review');
    expect(await findInInbox(users.xyzx01!, 'department', task.id)).toBeDefined();
    for (const u of ['scjgj01', 'scjgj_lead', 'swj01']) {
      expect(await findInInbox(users[u]!, 'department', task.id)).toBeUndefined();
      await expect(getActionableTask(users[u]!, task.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        submitReview(users[u]!, task.id, { decisions: [{ itemId: (await itemAt(10)).id, decision: 'ACCEPT' }] }, null),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await itemAt(10)).reviewDecision).toBeNull();
  });

  it('R-2.3 shows the centre each explained row with its problems, masking personal fields', async () => {
    const view = await getReviewTask(users.xyzx01!, reviewTask());
    expect(view.items.map((i) => i.rowNumber)).toEqual([10, 12]);
    expect(view.items[0]!.explanation).toContain('更名');
    expect(view.items[0]!.problems.map((p) => p.code)).toEqual(['NAME_MISMATCH']);
    expect(view.items[0]!.values.legalRepIdNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(
      reviewDecisionsSchema.safeParse({ decisions: [{ itemId: view.items[1]!.id, decision: 'RETURN' }] }).success,
    ).toBe(false);
  });

  it('R-2.3 stores an accepted row as it is with the explanation kept, and returns the other with the centre’s comment', async () => {
    const [a, b] = [await itemAt(10), await itemAt(12)];
    const reply = await submitReview(
      users.xyzx01!,
      reviewTask(),
      {
        decisions: [
          { itemId: a.id, decision: 'ACCEPT' },
          { itemId: b.id, decision: 'RETURN', comment: '处罚类别须按国家标准代码表填写，请改为03。' },
        ],
      },
      null,
    );
    expect(reply).toMatchObject({ done: true, data: { accepted: 1, returned: 1, open: 1, explained: 0 } });

    const accepted = await itemAt(10);
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.explanation).toContain('更名');
    const record = await db.creditRecord.findUniqueOrThrow({ where: { id: accepted.recordId! } });
    // Stored as sent, only normalised like every row (full-width brackets become half-width).
    expect((record.data as Record<string, string>).subjectName).toBe(`${clean[8]!.values.subjectName}(更名后)`);
    const registered = await db.subject.findUniqueOrThrow({ where: { uscc: rows[8]!.values.uscc! } });
    expect(record.subjectId).toBe(registered.id);
    expect(record.batchId).toBe(batchId);

    const returned = await itemAt(12);
    expect(returned.status).toBe('OPEN');
    expect((returned.problems as { code: string; message: string }[]).at(-1)).toMatchObject({
      code: 'CENTRE_RETURNED',
      message: expect.stringContaining('请改为03'),
    });
  });

  it('R-2.3 gives the department a second round for the returned row and completes the batch after it', async () => {
    const second = await waitForOpenTask(`suspect-fix-${batchId}:fix-2`);
    expect(second.title).toContain('第 2 轮');
    const view = await getFixTask(users.scjgj01!, second.id, null);
    expect(view.items.map((i) => [i.rowNumber, i.status])).toEqual([[12, 'OPEN']]);
    const item = view.items[0]!;
    const reply = await submitFixes(
      users.scjgj01!,
      second.id,
      { rows: [{ itemId: item.id, values: { ...item.values, penaltyCategory: '03' } }] },
      null,
    );
    expect(reply.done).toBe(true);
    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    expect(await db.creditRecord.count({ where: { batchId } })).toBe(11);
    expect(batch.rowsFixed).toBe(2);
    // finishBatch sets the status before it writes the history line: wait for the line.
    await waitFor('the COMPLETED line', () => db.batchEvent.findFirst({ where: { batchId, kind: 'COMPLETED' } }));
    const kinds = (await db.batchEvent.findMany({ where: { batchId }, orderBy: { id: 'asc' } })).map((e) => e.kind);
    expect(kinds).toEqual([
      'RECEIVED',
      'PROCESSING',
      'RETURNED',
      'FIX_EXPLAINED',
      'FIX_RESUBMITTED',
      'EXPLANATION_REVIEWED',
      'FIX_RESUBMITTED',
      'COMPLETED',
    ]);
    const trace = (
      await db.fixEvent.findMany({ where: { suspectItemId: (await itemAt(12)).id }, orderBy: { id: 'asc' } })
    ).map((e) => e.kind);
    expect(trace).toEqual(['EXPLAINED', 'RETURNED', 'FIX_SUBMITTED', 'FIX_STORED']);
  });
});
