// Centre feedback (中心反馈, R-3.4, R-2.6): credit-centre staff send stored records back to their provider;
// the department corrects one (a new revision, the old state kept) and explains the other; the centre
// returns the explained one, the department corrects it in a second round, and the centre closes the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { decideFeedback } from '../../lib/feedback/close';
import { submitFeedbackResponse } from '../../lib/feedback/respond';
import { sendFeedback } from '../../lib/feedback/send';
import { getFeedbackTaskView } from '../../lib/feedback/view';
import { getRecordTimeline } from '../../lib/records/timeline';
import { uploadRows, waitForClosedTask, waitForOpenTask } from '../support/fix-loop';
import { findInInbox } from '../support/inbox';
import { penaltyRows } from '../support/penalty-data';
import { waitFor, waitForBatchStatus } from '../support/wait';

const users: Record<string, CurrentUser> = {};
let recordIds: string[];
let caseId: string;
let caseNumber: string;
const task = (step: string) => `centre-feedback-${caseId}:${step}`;

beforeAll(async () => {
  for (const u of ['scjgj01', 'swj01', 'xyzx01']) users[u] = (await loadUser({ username: u }))!;
  const batchId = await uploadRows('scjgj01', penaltyRows(3, { prefix: `FB${Date.now()}-` }));
  await waitForBatchStatus(batchId, ['COMPLETED']);
  recordIds = (await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } })).map((r) => r.id);
});
afterAll(() => db.$disconnect());

describe('centre feedback', () => {
  it('R-7.4 refuses to send records outside the sender’s data scope', async () => {
    await expect(
      sendFeedback(users.swj01!, { recordIds: [recordIds[0]!], reason: '请核实处罚金额' }, null),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('R-3.4 sends chosen records back to their provider as one case in its inbox', async () => {
    const sent = await sendFeedback(
      users.xyzx01!,
      { recordIds: recordIds.slice(0, 2), reason: '罚款金额与处罚内容不一致，请核实。' },
      '127.0.0.1',
    );
    expect(sent.cases).toHaveLength(1);
    ({ id: caseId, number: caseNumber } = sent.cases[0]!);
    expect(caseNumber).toMatch(/^FK\d{8}-\d{6}$/);
    const t = await waitForOpenTask(task('respond'));
    expect(t.kind).toBe('CENTRE_FEEDBACK');
    expect(await findInInbox(users.scjgj01!, 'department', t.id)).toBeDefined();
    expect(await findInInbox(users.swj01!, 'department', t.id)).toBeUndefined();
    await expect(
      sendFeedback(users.xyzx01!, { recordIds: [recordIds[0]!], reason: '再次反馈同一条记录' }, null),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('R-3.4 refuses a correction that changes which record it is, or changes nothing', async () => {
    const view = await getFeedbackTaskView(users.scjgj01!, task('respond'), null);
    const [first] = view.catalogs[0]!.items;
    const moved = { ...first!.values, decisionNumber: `${first!.values.decisionNumber}-改` };
    await expect(
      submitFeedbackResponse(
        users.scjgj01!,
        task('respond'),
        { items: [{ itemId: first!.id, action: 'correct', values: moved }] },
        null,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      submitFeedbackResponse(
        users.scjgj01!,
        task('respond'),
        { items: [{ itemId: first!.id, action: 'correct', values: first!.values }] },
        null,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe('OPEN');
  });

  it('R-3.4 R-2.2 stores a correction as a new revision and takes an explanation, then hands the case to the centre', async () => {
    const view = await getFeedbackTaskView(users.scjgj01!, task('respond'), null);
    const [first, second] = view.catalogs[0]!.items;
    expect(first!.values.legalRepIdNumber).toMatch(/^\d{17}[\dX]$/); // the provider sees its own data in clear
    const reply = await submitFeedbackResponse(
      users.scjgj01!,
      task('respond'),
      {
        items: [
          {
            itemId: first!.id,
            action: 'correct',
            values: { ...first!.values, penaltyContent: '罚款人民币叁仟元整', fineAmount: '0.3' },
          },
          { itemId: second!.id, action: 'explain', explanation: '经核实，原处罚决定书记载无误。' },
        ],
      },
      null,
    );
    expect(reply).toMatchObject({ done: true, data: { corrected: 1, explained: 1, open: 0 } });

    const record = await db.creditRecord.findUniqueOrThrow({
      where: { id: first!.recordId },
      include: { history: true },
    });
    expect(record.revision).toBe(2);
    expect((record.data as Record<string, string>).fineAmount).toBe('0.3');
    expect(record.history).toHaveLength(1);
    expect((record.history[0]!.data as Record<string, string>).fineAmount).toBe('0.2');
    expect((await db.feedbackItem.findUniqueOrThrow({ where: { id: first!.id } })).revision).toBe(2);

    const review = await waitForOpenTask(task('close'));
    expect(review.kind).toBe('FEEDBACK_REVIEW');
    await expect(getFeedbackTaskView(users.scjgj01!, review.id, null)).rejects.toBeInstanceOf(NotFoundError);
    const centre = await getFeedbackTaskView(users.xyzx01!, review.id, null);
    const corrected = centre.catalogs[0]!.items.find((i) => i.id === first!.id)!;
    expect(corrected.changed.sort()).toEqual(['处罚内容', '罚款金额（万元）'].sort());
    expect(corrected.values.legalRepIdNumber).toContain('*'); // masked for the centre
  });

  it('R-3.4 returns the explained record for a second round and closes the case after it', async () => {
    const second = (await db.feedbackItem.findMany({ where: { caseId, status: 'EXPLAINED' } }))[0]!;
    await expect(
      decideFeedback(
        users.scjgj01!,
        task('close'),
        { action: 'return', itemIds: [second.id], comment: '请补充核实依据' },
        null,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    const returned = await decideFeedback(
      users.xyzx01!,
      task('close'),
      { action: 'return', itemIds: [second.id], comment: '请按决定书原件更正处罚内容。' },
      null,
    );
    expect(returned.done).toBe(true);

    const round2 = await waitForOpenTask(task('respond-2'));
    const view = await getFeedbackTaskView(users.scjgj01!, round2.id, null);
    const item = view.catalogs[0]!.items.find((i) => i.id === second.id)!;
    expect(item).toMatchObject({ status: 'OPEN', centreComment: '请按决定书原件更正处罚内容。' });
    await submitFeedbackResponse(
      users.scjgj01!,
      round2.id,
      {
        items: [
          {
            itemId: second.id,
            action: 'correct',
            values: { ...item.values, penaltyContent: '警告并罚款人民币贰仟元整' },
          },
        ],
      },
      null,
    );
    await waitForOpenTask(task('close-2'));
    const closed = await decideFeedback(users.xyzx01!, task('close-2'), { action: 'close' }, null);
    expect(closed.done).toBe(true);
    await waitForClosedTask(task('close-2'));
    const fc = await waitFor('case closed', async () => {
      const c = await db.feedbackCase.findUniqueOrThrow({ where: { id: caseId } });
      return c.status === 'CLOSED' ? c : null;
    });
    expect(fc.round).toBe(2);
    expect(fc.closedById).toBe(users.xyzx01!.id);
  });

  it('R-2.2 R-3.4 shows the whole feedback on the record’s timeline', async () => {
    const second = (await db.feedbackItem.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } }))[1]!;
    const t = await getRecordTimeline(users.xyzx01!, second.recordId, null);
    expect(t.feedback).toEqual([expect.objectContaining({ number: caseNumber, caseStatus: 'CLOSED' })]);
    const kinds = t.entries.filter((e) => e.source === 'feedback').map((e) => e.kind);
    expect(kinds).toEqual(['FEEDBACK_SENT', 'EXPLAINED', 'RETURNED', 'CORRECTED', 'CLOSED']);
    expect(t.entries.some((e) => e.source === 'revision')).toBe(true);
    const taskKinds = t.entries.filter((e) => e.source === 'task' && e.kind === 'TASK_COMPLETED').length;
    expect(taskKinds).toBe(4); // respond, close, respond-2, close-2
  });
});
