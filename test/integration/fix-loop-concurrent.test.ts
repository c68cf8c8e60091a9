// The same fix or explanation submitted more than once at the same moment (a double click, two tabs): the
// rows are claimed by exactly one submission, the others are told the rows are being processed and leave
// no trace, and the batch's history says what really happened. Also: a malformed task action is refused by
// the workflow's validator before it reaches the workflow's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError } from '../../lib/errors';
import { RECORDS_BEING_PROCESSED, RECORDS_GONE, submitFeedbackResponse } from '../../lib/feedback/respond';
import { sendFeedback } from '../../lib/feedback/send';
import { ROWS_BEING_PROCESSED, ROWS_GONE } from '../../lib/suspects/claim';
import { submitExplanations } from '../../lib/suspects/explain';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { submitReview } from '../../lib/suspects/review';
import { temporal } from '../../lib/temporal';
import { TASK_ACTION_UPDATE } from '../../workflows/contracts';
import { uploadRows, waitForClosedTask, waitForOpenTask } from '../support/fix-loop';
import { penaltyRows } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

let user: CurrentUser;
let batchId: string;
const fixTask = () => `suspect-fix-${batchId}:fix`;
const itemAt = (rowNumber: number) => db.suspectItem.findFirstOrThrow({ where: { batchId, rowNumber } });

beforeAll(async () => {
  user = (await loadUser({ username: 'scjgj01' }))!;
  // Rows 3 to 7 of the sheet carry a 处罚类别 outside the code table; row 2 is clean.
  const rows = penaltyRows(6, { prefix: `CC${Date.now()}-` });
  for (const r of rows.slice(1)) r.values.penaltyCategory = '99';
  batchId = await uploadRows('scjgj01', rows);
  await waitForBatchStatus(batchId, ['RETURNED']);
  await waitForOpenTask(fixTask());
});
afterAll(() => db.$disconnect());

/**
 * Runs the submissions at once; exactly one must be applied, every other one refused with a 409. A refused copy
 * is told the rows are being processed, or — when the winner had already finished before it looked, which a
 * slow machine makes likely — that they were processed; either way nothing of it is written.
 */
async function race<T>(
  submissions: (() => Promise<T>)[],
  refusals: string[] = [ROWS_BEING_PROCESSED, ROWS_GONE],
): Promise<T> {
  const settled = await Promise.allSettled(submissions.map((s) => s()));
  const won = settled.filter((s) => s.status === 'fulfilled');
  const lost = settled.filter((s) => s.status === 'rejected').map((s) => s.reason as unknown);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(submissions.length - 1);
  for (const err of lost) {
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ status: 409 });
    expect(refusals).toContain((err as ConflictError).message);
  }
  return won[0]!.value;
}

async function corrected(rowNumbers: number[]) {
  const view = await getFixTask(user, fixTask(), null);
  return {
    rows: view.items
      .filter((i) => rowNumbers.includes(i.rowNumber))
      .map((i) => ({ itemId: i.id, values: { ...i.values, penaltyCategory: '03' } })),
  };
}

const linesOf = async (kind: string) =>
  (await db.batchEvent.findMany({ where: { batchId, kind }, orderBy: { id: 'asc' } })).map((e) => e.message);

const traceOf = async (rowNumber: number) =>
  (await db.fixEvent.findMany({ where: { suspectItemId: (await itemAt(rowNumber)).id }, orderBy: { id: 'asc' } })).map(
    (e) => e.kind,
  );

describe('the same submission twice or three times at once', () => {
  it('R-2.3 applies a fix submitted twice at once exactly once', async () => {
    const input = await corrected([3]);
    const reply = await race([1, 2].map(() => () => submitFixes(user, fixTask(), input, null)));

    expect(reply).toMatchObject({ done: false, data: { stored: 1, stillSuspect: 0, open: 4 } });
    expect(reply.message).toContain('已入库 1 条');
    expect((await itemAt(3)).status).toBe('FIXED');
    expect(await traceOf(3)).toEqual(['FIX_SUBMITTED', 'FIX_STORED']);
    expect(await linesOf('FIX_RESUBMITTED')).toEqual([
      `${user.displayName} 重新上报 1 条置疑数据：入库 1 条，仍未通过 0 条`,
    ]);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).rowsFixed).toBe(1);
  });

  it('R-2.3 applies a fix of two rows submitted three times at once exactly once', async () => {
    const input = await corrected([4, 5]);
    const reply = await race([1, 2, 3].map(() => () => submitFixes(user, fixTask(), input, null)));

    expect(reply).toMatchObject({ done: false, data: { stored: 2, stillSuspect: 0, open: 2 } });
    for (const row of [4, 5]) {
      expect((await itemAt(row)).status).toBe('FIXED');
      expect(await traceOf(row)).toEqual(['FIX_SUBMITTED', 'FIX_STORED']);
    }
    expect(await linesOf('FIX_RESUBMITTED')).toHaveLength(2);
    expect((await linesOf('FIX_RESUBMITTED'))[1]).toBe(
      `${user.displayName} 重新上报 2 条置疑数据：入库 2 条，仍未通过 0 条`,
    );
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).rowsFixed).toBe(3);
  });

  it('R-2.3 keeps the explanation of the one submission that won, of two at once', async () => {
    const item = await itemAt(6);
    const texts = ['该处罚类别按市局新规定填写，第一次提交。', '该处罚类别按市局新规定填写，第二次提交。'];
    const reply = await race(
      texts.map(
        (explanation) => () => submitExplanations(user, fixTask(), { rows: [{ itemId: item.id, explanation }] }, null),
      ),
    );

    expect(reply).toMatchObject({ done: false, data: { explainedNow: 1, open: 1, explained: 1 } });
    const after = await itemAt(6);
    expect(after.status).toBe('EXPLAINED');
    const trace = await db.fixEvent.findMany({ where: { suspectItemId: item.id } });
    expect(trace).toHaveLength(1);
    // The row keeps the text of the submission the trace (and the workflow) recorded, not the refused one's.
    expect(trace[0]!.message).toContain(after.explanation!);
    expect(texts).toContain(after.explanation);
    expect(await linesOf('FIX_EXPLAINED')).toEqual([
      `${user.displayName} 对 1 条置疑数据说明理由，申请县发改委（信用中心）确认`,
    ]);
  });

  it('R-2.3 keeps the explanation of the one submission that won, of three at once, and closes the task', async () => {
    const item = await itemAt(7);
    const texts = [
      '第一份理由：处罚类别经核实无误。',
      '第二份理由：处罚类别经核实无误。',
      '第三份理由：处罚类别经核实无误。',
    ];
    const reply = await race(
      texts.map(
        (explanation) => () => submitExplanations(user, fixTask(), { rows: [{ itemId: item.id, explanation }] }, null),
      ),
    );

    expect(reply).toMatchObject({ done: true, data: { explainedNow: 1, open: 0, explained: 2 } });
    const after = await itemAt(7);
    const trace = await db.fixEvent.findMany({ where: { suspectItemId: item.id } });
    expect(trace).toHaveLength(1);
    expect(trace[0]!.message).toContain(after.explanation!);
    expect(await linesOf('FIX_EXPLAINED')).toHaveLength(2);
    expect((await linesOf('FIX_EXPLAINED')).every((l) => l.includes('对 1 条'))).toBe(true);
    await waitForClosedTask(fixTask());
    // One audit entry per applied submission, none for the refused ones.
    expect(
      await db.auditLog.count({
        where: { module: 'data', action: 'UPDATE', objectType: 'SuspectItem', objectId: batchId },
      }),
    ).toBe(4);
  });
});

describe('the same feedback answer twice at once', () => {
  it('R-3.4 keeps the answer of the one submission that won', async () => {
    const centre = (await loadUser({ username: 'xyzx01' }))!;
    const batch = await uploadRows('scjgj01', penaltyRows(1, { prefix: `CF${Date.now()}-` }));
    await waitForBatchStatus(batch, ['COMPLETED']);
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId: batch } });
    const { cases } = await sendFeedback(centre, { recordIds: [record.id], reason: '请核实处罚内容。' }, null);
    const taskId = `centre-feedback-${cases[0]!.id}:respond`;
    await waitForOpenTask(taskId);
    const item = await db.feedbackItem.findFirstOrThrow({ where: { caseId: cases[0]!.id } });

    const texts = ['记录经核实无误，第一次提交。', '记录经核实无误，第二次提交。'];
    const reply = await race(
      texts.map(
        (explanation) => () =>
          submitFeedbackResponse(user, taskId, { items: [{ itemId: item.id, action: 'explain', explanation }] }, null),
      ),
      [RECORDS_BEING_PROCESSED, RECORDS_GONE],
    );
    expect(reply).toMatchObject({ done: true, data: { explained: 1, open: 0 } });
    const after = await db.feedbackItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(after.status).toBe('EXPLAINED');
    const trace = await db.fixEvent.findMany({ where: { feedbackItemId: item.id, kind: 'EXPLAINED' } });
    expect(trace).toHaveLength(1);
    expect(trace[0]!.message).toContain(after.explanation!);
    await waitForClosedTask(taskId);
  });
});

describe('a malformed task action', () => {
  it('is refused by the validator before it reaches the workflow history', async () => {
    const task = await waitForOpenTask(`suspect-fix-${batchId}:review`);
    const handle = temporal().workflow.getHandle(task.workflowId);
    const accepted = async () =>
      (await handle.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const before = await accepted();
    const malformed: [unknown, string][] = [
      [{ itemIds: 'all' }, '缺少要处理的数据行'],
      [{}, '缺少要处理的数据行'],
      [{ itemIds: [] }, '请至少选择一行数据'],
      [{ itemIds: ['not-a-uuid'] }, '数据行标识无效'],
    ];
    for (const [data, reason] of malformed) {
      await expect(
        handle.executeUpdate(TASK_ACTION_UPDATE, {
          args: [{ taskId: task.id, actor: { id: user.id, name: user.displayName }, action: 'review', data }],
        }),
      ).rejects.toMatchObject({ cause: { message: reason } });
    }
    expect(await accepted()).toBe(before);
    expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('OPEN');
  });
});

describe('the same review twice at once', () => {
  it('R-2.3 applies the centre’s decisions once and completes the batch', async () => {
    const centre = (await loadUser({ username: 'xyzx01' }))!;
    const taskId = `suspect-fix-${batchId}:review`;
    const items = [await itemAt(6), await itemAt(7)];
    const decisions = { decisions: items.map((i) => ({ itemId: i.id, decision: 'ACCEPT' as const })) };
    const reply = await race([1, 2].map(() => () => submitReview(centre, taskId, decisions, null)));

    expect(reply).toMatchObject({ done: true, data: { accepted: 2, returned: 0, explained: 0 } });
    for (const row of [6, 7]) {
      expect((await itemAt(row)).status).toBe('ACCEPTED');
      expect((await traceOf(row)).filter((k) => k === 'ACCEPTED')).toHaveLength(1);
    }
    expect(await linesOf('EXPLANATION_REVIEWED')).toHaveLength(1);
    await waitForBatchStatus(batchId, ['COMPLETED']);
  });
});
