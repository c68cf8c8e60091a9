// Manual entry on the real stack: rows typed by a department become one batch of the
// ordinary import — checked with the same rules as the form, refused as a whole when a row is wrong, and
// otherwise stored with lineage through the import workflow and its suspect loop.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ForbiddenError, ValidationError } from '../../lib/errors';
import { entryCatalogs, entryDefinition, submitManualEntry } from '../../lib/exchange/manual-entry';
import { penaltyRows } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

let operator: CurrentUser;
const prefix = `M${Date.now()}-`;

beforeAll(async () => {
  operator = (await loadUser({ username: 'scjgj01' }))!;
});
afterAll(() => db.$disconnect());

const submit = (rows: Record<string, string>[], submissionId: string = randomUUID()) =>
  submitManualEntry({ user: operator, catalogCode: 'ADMIN_PENALTY', input: { submissionId, rows }, ip: '127.0.0.1' });

describe('manual entry', () => {
  it('R-1.3.2 offers the catalogs the department provides, and only those', async () => {
    const codes = (await entryCatalogs(operator)).map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['ADMIN_PENALTY', 'ADMIN_LICENSE', 'ORG_BASIC', 'NEGATIVE']));
    expect(codes).not.toContain('PERSON_BASIC');
    await expect(entryDefinition(operator, 'PERSON_BASIC')).rejects.toBeInstanceOf(ForbiddenError);
    const def = await entryDefinition(operator, 'ADMIN_PENALTY');
    expect(def.fields.find((f) => f.key === 'penaltyCategory')?.codeTable).toBe('penalty_category');
    expect(def.codeTables.penalty_category?.items.length).toBeGreaterThan(5);
  });

  it('R-1.3.2 R-2.1 refuses the whole submission with the reasons of each bad row, and creates no batch', async () => {
    const rows = penaltyRows(3, { prefix }).map((r) => r.values);
    rows[1] = { ...rows[1]!, decisionDate: '2026-02-30', facts: '' };
    rows[2] = { ...rows[0]! }; // the same record twice
    const before = await db.importBatch.count({ where: { source: 'MANUAL' } });
    const err = await submit(rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).message).toBe('有 2 行未通过校验，本次未提交');
    const details = (err as ValidationError).details as { rows: { row: number; problems: { message: string }[] }[] };
    expect(details.rows.map((r) => r.row)).toEqual([2, 3]);
    const messages = details.rows[0]!.problems.map((p) => p.message);
    expect(messages).toContain('处罚决定日期不是有效日期（应为YYYY-MM-DD）');
    expect(messages).toContain('违法事实不能为空');
    expect(details.rows[1]!.problems[0]!.message).toBe('与第 1 行是同一条记录');
    expect(await db.importBatch.count({ where: { source: 'MANUAL' } })).toBe(before);
  });

  it('R-1.3.2 R-3.1 turns the session rows into one batch that the import workflow stores with lineage', async () => {
    const rows = penaltyRows(3, { prefix: `${prefix}ok-` }).map((r) => r.values);
    // Format-valid but its name disagrees with the registered subject: found by 关联比对 in the workflow.
    rows[2] = { ...rows[2]!, subjectName: `${rows[2]!.subjectName}（错误名称）` };
    const submissionId = randomUUID();
    const batch = await submit(rows, submissionId);
    expect(batch.number).toMatch(/^PC\d{8}-\d{6}$/);
    const done = await waitForBatchStatus(batch.id, ['RETURNED', 'COMPLETED', 'FAILED']);
    expect(done.source).toBe('MANUAL');
    expect(done.expectedRows).toBe(3);
    expect(done.status).toBe('RETURNED');
    expect([done.rowsRead, done.rowsStored, done.rowsSuspect]).toEqual([3, 2, 1]);
    const file = await db.storedFile.findUniqueOrThrow({ where: { id: done.fileId! } });
    expect(file.originalName).toMatch(/^手工录入_行政处罚_\d{12}_[0-9a-f]{8}\.xlsx$/);
    const records = await db.creditRecord.findMany({ where: { batchId: batch.id }, orderBy: { rowNumber: 'asc' } });
    expect(records.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect((records[0]!.data as Record<string, string>).decisionNumber).toBe(rows[0]!.decisionNumber);
    expect(JSON.stringify(records[0]!.data)).not.toContain(rows[0]!.legalRepIdNumber!); // sealed, as on upload
    const suspect = await db.suspectItem.findFirstOrThrow({ where: { batchId: batch.id } });
    expect(suspect.rowNumber).toBe(4);
    expect(JSON.stringify(suspect.problems)).toContain('NAME_MISMATCH');
    const events = await db.batchEvent.findMany({ where: { batchId: batch.id } });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['RECEIVED', 'PROCESSING', 'RETURNED']));

    // A second 提交 of the same session list answers with the same batch.
    expect((await submit(rows, submissionId)).id).toBe(batch.id);
    const audit = await db.auditLog.findFirst({ where: { objectId: batch.id, action: 'IMPORT' } });
    expect(audit?.username).toBe('scjgj01');
  });

  it('R-1.3.2 recognises a resubmission by the whole submission id, not its first 8 characters', async () => {
    const first = randomUUID();
    const batch = await submit(
      penaltyRows(1, { prefix: `${prefix}id1-` }).map((r) => r.values),
      first,
    );
    // Another session list whose id happens to share its first 8 characters is a new submission.
    const second = `${first.slice(0, 8)}${randomUUID().slice(8)}`;
    const next = await submit(
      penaltyRows(1, { prefix: `${prefix}id2-` }).map((r) => r.values),
      second,
    );
    expect(next.id).not.toBe(batch.id);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: next.id } })).submissionId).toBe(second);
  });

  it('R-1.3.2 does not answer a submission to another catalog with the earlier batch of the same id', async () => {
    const submissionId = randomUUID();
    const batch = await submit(
      penaltyRows(1, { prefix: `${prefix}cat-` }).map((r) => r.values),
      submissionId,
    );
    // The same id sent to 行政许可 with penalty rows: checked against that catalog, not matched to the batch.
    const other = submitManualEntry({
      user: operator,
      catalogCode: 'ADMIN_LICENSE',
      input: { submissionId, rows: penaltyRows(1, { prefix: `${prefix}cat-` }).map((r) => r.values) },
      ip: '127.0.0.1',
    });
    await expect(other).rejects.toBeInstanceOf(ValidationError);
    expect(await db.importBatch.count({ where: { submissionId } })).toBe(1);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: batch.id } })).submissionId).toBe(submissionId);
  });

  it('R-1.3.2 R-7.4 refuses entry to users without the import permission', async () => {
    const leader = (await loadUser({ username: 'scjgj_lead' }))!;
    await expect(entryCatalogs(leader)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      submitManualEntry({
        user: leader,
        catalogCode: 'ADMIN_PENALTY',
        input: { submissionId: randomUUID(), rows: [{ subjectName: 'x' }] },
        ip: null,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
