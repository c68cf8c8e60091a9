// The first real process end to end: template upload → import workflow on the
// real worker → valid rows stored with lineage, faulty rows returned as one inbox task → the department
// fixes and resubmits → rows stored → batch completed with its whole history.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { loadCalendar } from '../../lib/calendar/load';
import { addWorkdays, workdaysBetween } from '../../lib/calendar/workdays';
import { unsealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { getActionableTask } from '../../lib/tasks/inbox';
import { findInInbox } from '../support/inbox';
import { penaltyRows, writePenaltyXlsx, type PenaltyRow } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor, waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'slice-'));
const prefix = `S${Date.now()}-`;
let rows: PenaltyRow[];
let batchId: string;
let operator: CurrentUser;

beforeAll(async () => {
  operator = (await loadUser({ username: 'scjgj01' }))!;
  rows = penaltyRows(60, { faultEvery: 10, prefix });
  await writePenaltyXlsx(join(dir, 'penalties.xlsx'), rows);
  batchId = (await uploadAs('scjgj01', 'ADMIN_PENALTY', join(dir, 'penalties.xlsx'))).id;
  await waitForBatchStatus(batchId, ['RETURNED', 'COMPLETED', 'FAILED']);
});

afterAll(() => db.$disconnect());

describe('import of a 行政处罚 template', () => {
  it('R-1.3.3 R-9.1 stores every valid row with its lineage (batch, row, catalog version)', async () => {
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.status).toBe('RETURNED');
    expect(batch.rowsRead).toBe(60);
    expect(batch.rowsStored).toBe(54);
    expect(batch.rowsSuspect).toBe(6);
    const records = await db.creditRecord.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect(records).toHaveLength(54);
    const first = records[0]!;
    expect(first.rowNumber).toBe(2); // row 1 is the header
    expect(first.catalogVersionId).toBe(batch.catalogVersionId);
    expect((first.data as Record<string, string>).decisionNumber).toBe(rows[0]!.values.decisionNumber);
    expect(first.subjectId).not.toBeNull();
  });

  it('R-8.1 keeps personal identifiers out of the clear columns and sealed at rest', async () => {
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId, rowNumber: 2 } });
    expect(JSON.stringify(record.data)).not.toContain(rows[0]!.values.legalRepIdNumber);
    expect(record.sealed).toMatch(/^v1:/);
    expect(unsealJson<Record<string, string>>(record.sealed!).legalRepIdNumber).toBe(rows[0]!.values.legalRepIdNumber);
  });

  it('R-2.1 turns each kind of faulty row into a suspect item with its reason', async () => {
    const items = await db.suspectItem.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect(items.map((i) => i.rowNumber)).toEqual([11, 21, 31, 41, 51, 61]);
    const codes = items.map((i) => (i.problems as { code: string }[]).map((p) => p.code));
    expect(codes[0]).toContain('CHECK_CHAR'); // bad USCC check character
    expect(codes[1]).toContain('REQUIRED'); // 违法事实 missing
    expect(codes[2]).toContain('DATE'); // 2026-13-45
    expect(codes[3]).toContain('NAME_MISMATCH'); // 关联比对
    expect(codes[4]).toContain('ENUM'); // 处罚类别 99
    const messages = (items[1]!.problems as { message: string }[]).map((p) => p.message).join();
    expect(messages).toContain('违法事实不能为空');
  });

  it('R-2.3 puts one return-and-fix task into the providing department inbox, due in 5 working days', async () => {
    const task = await waitFor('the fix task in the department inbox', () =>
      findInInbox(operator, 'department', `suspect-fix-${batchId}:fix`),
    );
    expect(task?.kind).toBe('SUSPECT_FIX');
    expect(task?.dueAt).toBeInstanceOf(Date);
    const created = await db.task.findUniqueOrThrow({ where: { id: task!.id } });
    // The end of the fifth working day after the day it opened, on the seeded calendar (holidays, 调休 included).
    expect(task!.dueAt).toEqual(addWorkdays(created.createdAt, 5, await loadCalendar(db)));
    expect(workdaysBetween(created.createdAt, task!.dueAt!, await loadCalendar(db))).toBe(5);
    const other = (await loadUser({ username: 'swj01' }))!;
    await expect(getActionableTask(other, task!.id)).rejects.toBeInstanceOf(NotFoundError);
    const leader = (await loadUser({ username: 'scjgj_lead' }))!; // same department, no data:fix
    expect(await findInInbox(leader, 'department', task!.id)).toBeUndefined();
  });

  it('R-2.3 refuses a correction that still breaks the rules and saves nothing', async () => {
    const taskId = `suspect-fix-${batchId}:fix`;
    const view = await getFixTask(operator, taskId, null);
    const item = view.items.find((i) => i.rowNumber === 31)!;
    await expect(
      submitFixes(
        operator,
        taskId,
        { rows: [{ itemId: item.id, values: { ...item.values, decisionDate: '2026-02-30' } }] },
        null,
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await db.suspectItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('OPEN');
  });

  it('R-2.3 R-2.2 stores corrected rows on resubmission and completes the batch with its full history', async () => {
    const taskId = `suspect-fix-${batchId}:fix`;
    const view = await getFixTask(operator, taskId, null);
    expect(view.items).toHaveLength(6);
    const original = (n: number) => rows[n - 2]!.values;
    const [firstTwo, rest] = [view.items.slice(0, 2), view.items.slice(2)];
    const fix = (items: typeof view.items) =>
      items.map((i) => ({
        itemId: i.id,
        values: {
          ...original(i.rowNumber),
          subjectName: original(i.rowNumber).subjectName!.replace('（错误名称）', ''),
          facts: original(i.rowNumber).facts || '补充的违法事实',
          decisionDate: '2026-10-16',
          penaltyCategory: '03',
          uscc: rows[i.rowNumber - 2]!.fault === 'BAD_USCC' ? fixedUscc(i.rowNumber) : original(i.rowNumber).uscc!,
        },
      }));

    const partial = await submitFixes(operator, taskId, { rows: fix(firstTwo) }, null);
    expect(partial.done).toBe(false);
    expect(partial.data).toMatchObject({ stored: 2, remaining: 4 });

    const final = await submitFixes(operator, taskId, { rows: fix(rest) }, null);
    expect(final.done).toBe(true);

    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    expect(batch.rowsFixed).toBe(6);
    expect(await db.creditRecord.count({ where: { batchId } })).toBe(60);
    const fixedItem = await db.suspectItem.findFirstOrThrow({ where: { batchId, rowNumber: 11 } });
    expect(fixedItem.status).toBe('FIXED');
    expect(fixedItem.recordId).not.toBeNull();
    const task = await waitFor('task closed', async () => {
      const t = await db.task.findUniqueOrThrow({ where: { id: taskId } });
      return t.status === 'COMPLETED' ? t : null;
    });
    expect(task.completedById).toBe(operator.id);
    const kinds = (await db.batchEvent.findMany({ where: { batchId }, orderBy: { id: 'asc' } })).map((e) => e.kind);
    expect(kinds).toEqual(['RECEIVED', 'PROCESSING', 'RETURNED', 'FIX_RESUBMITTED', 'FIX_RESUBMITTED', 'COMPLETED']);
    await expect(submitFixes(operator, taskId, { rows: fix(rest) }, null)).rejects.toBeInstanceOf(ConflictError);
  });

  it('R-2.1 refuses the same file uploaded twice and names the earlier batch', async () => {
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    await expect(uploadAs('scjgj01', 'ADMIN_PENALTY', join(dir, 'penalties.xlsx'))).rejects.toThrow(batch.number);
  });

  it('R-2.1 counts exact repeats as duplicates and keeps the history of a changed repeat', async () => {
    const again = rows.slice(0, 5).map((r) => ({ ...r, values: { ...r.values } }));
    again[0]!.values.penaltyContent = '罚款人民币叁仟元整';
    again[0]!.values.fineAmount = '0.3';
    await writePenaltyXlsx(join(dir, 'again.xlsx'), again);
    const second = await uploadAs('scjgj01', 'ADMIN_PENALTY', join(dir, 'again.xlsx'));
    const done = await waitForBatchStatus(second.id, ['COMPLETED', 'FAILED']);
    expect(done).toMatchObject({ rowsRead: 5, rowsStored: 0, rowsUpdated: 1, rowsDuplicate: 4, rowsSuspect: 0 });
    const record = await db.creditRecord.findFirstOrThrow({
      where: { batchId: second.id },
      include: { history: true },
    });
    expect(record.revision).toBe(2);
    expect(record.history[0]).toMatchObject({ revision: 1, batchId });
    expect((record.history[0]!.data as Record<string, string>).fineAmount).toBe('0.2');
  });
});

function fixedUscc(rowNumber: number): string {
  return rows[rowNumber - 2]!.values.uscc!.slice(0, 17) + originalCheck(rowNumber);
}
function originalCheck(rowNumber: number): string {
  // The fault generator changed only the last character; the seed organisation holds the real one.
  return penaltyRows(rowNumber - 1, { prefix })[rowNumber - 2]!.values.uscc!.slice(17);
}
