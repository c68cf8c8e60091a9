// Traceability and configuration: one record's timeline from file to every fix, within
// the viewer's data scope and masked; administrators change the working-day deadlines (checked, audited),
// and the next task opened uses them; controlled data is kept out of shared and public views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../lib/auth/permissions';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { loadCalendar } from '../../lib/calendar/load';
import { addWorkdays } from '../../lib/calendar/workdays';
import { db } from '../../lib/db';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { controlledRecordFilter, isControlled } from '../../lib/records/controlled';
import { getRecordTimeline } from '../../lib/records/timeline';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { listWorkflowSettings, numberSetting, updateWorkflowSettings } from '../../lib/settings/workflow-settings';
import { uploadRows, waitForOpenTask } from '../support/fix-loop';
import { penaltyRows, type PenaltyRow } from '../support/penalty-data';
import { waitFor, waitForBatchStatus } from '../support/wait';

const users: Record<string, CurrentUser> = {};
let rows: PenaltyRow[];
let batchId: string;
let recordId: string;

beforeAll(async () => {
  for (const u of ['scjgj01', 'scjgj_lead', 'swj01', 'mq01', 'xyzx01']) users[u] = (await loadUser({ username: u }))!;
  rows = penaltyRows(3, { prefix: `TR${Date.now()}-` });
  rows[2]!.values.facts = ''; // row 4 of the sheet comes back: 违法事实 missing
  batchId = await uploadRows('scjgj01', rows, '行政处罚_追溯.xlsx');
  const taskId = `suspect-fix-${batchId}:fix`;
  await waitForOpenTask(taskId);
  const [item] = (await getFixTask(users.scjgj01!, taskId, null)).items;
  await submitFixes(
    users.scjgj01!,
    taskId,
    { rows: [{ itemId: item!.id, values: { ...item!.values, facts: '补充的违法事实。' } }] },
    null,
  );
  await waitForBatchStatus(batchId, ['COMPLETED']);
  // finishBatch sets the status before it writes the history line: wait for the line.
  await waitFor('the COMPLETED line', () => db.batchEvent.findFirst({ where: { batchId, kind: 'COMPLETED' } }));
  recordId = (await db.creditRecord.findFirstOrThrow({ where: { batchId, rowNumber: 4 } })).id;
});
afterAll(() => db.$disconnect());

describe('record timeline', () => {
  it('R-2.2 traces a fixed record to its file, batch, row and catalog version, with every step and who did it', async () => {
    const t = await getRecordTimeline(users.scjgj01!, recordId, '127.0.0.1');
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, include: { file: true } });
    expect(t.source).toMatchObject({
      batchId,
      batchNumber: batch.number,
      file: { originalName: '行政处罚_追溯.xlsx', sha256: batch.file!.sha256 },
    });
    expect(t.record).toMatchObject({
      rowNumber: 4,
      catalogVersion: 1,
      revision: 1,
      providerDeptName: users.scjgj01!.departmentName,
    });
    expect(t.suspects).toEqual([expect.objectContaining({ rowNumber: 4, status: 'FIXED', round: 1 })]);
    const kinds = t.entries.map((e) => `${e.source}:${e.kind}`);
    for (const k of [
      'batch:RECEIVED',
      'batch:RETURNED',
      'task:TASK_OPENED',
      'fix:FIX_SUBMITTED',
      'fix:FIX_STORED',
      'task:TASK_COMPLETED',
      'batch:COMPLETED',
    ])
      expect(kinds).toContain(k);
    expect(kinds.indexOf('fix:FIX_SUBMITTED')).toBeLessThan(kinds.indexOf('fix:FIX_STORED'));
    expect(t.entries.find((e) => e.kind === 'FIX_SUBMITTED')!.actorName).toBe(users.scjgj01!.displayName);
    // Personal fields are masked even for the providing department on this page.
    expect(t.values.legalRepIdNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(t)).not.toContain(rows[2]!.values.legalRepIdNumber);
  });

  it('R-2.2 shows a changed repeat as a new revision with the batch that brought it', async () => {
    const again = [{ ...rows[2]!, values: { ...rows[2]!.values, facts: '补充的违法事实。', fineAmount: '0.5' } }];
    const second = await uploadRows('scjgj01', again);
    await waitForBatchStatus(second, ['COMPLETED']);
    const t = await getRecordTimeline(users.xyzx01!, recordId, null);
    expect(t.record.revision).toBe(2);
    expect(t.revisions).toEqual([expect.objectContaining({ revision: 1, batchId, rowNumber: 4, catalogVersion: 1 })]);
    const rev = t.entries.find((e) => e.source === 'revision')!;
    expect(rev.message).toContain('罚款金额');
    // Viewing the trace is itself audited, and shows up on the next view.
    expect(t.entries.some((e) => e.source === 'audit' && e.kind === 'record:TRACE')).toBe(true);
  });

  it('R-7.4 keeps the trace within the viewer’s data scope', async () => {
    expect((await getRecordTimeline(users.scjgj_lead!, recordId, null)).record.id).toBe(recordId);
    for (const u of ['swj01', 'mq01'])
      await expect(getRecordTimeline(users[u]!, recordId, null)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('workflow settings', () => {
  it('R-9.3 refuses deadlines that are not positive whole working days and saves nothing', async () => {
    const before = await numberSetting(db, 'suspectFix.dueWorkdays');
    for (const bad of ['0', '-3', '2.5', 'abc', '61']) {
      await expect(
        updateWorkflowSettings(db, users.xyzx01!, { 'suspectFix.dueWorkdays': bad }, null),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(updateWorkflowSettings(db, users.xyzx01!, { 'no.such.key': '3' }, null)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await numberSetting(db, 'suspectFix.dueWorkdays')).toBe(before);
  });

  it('R-9.3 saves a new deadline with an audit line, and the next task opened uses it', async () => {
    const settings = await listWorkflowSettings(db);
    expect(settings.map((s) => s.key)).toEqual(
      expect.arrayContaining([
        'suspectFix.dueWorkdays',
        'suspectReview.dueWorkdays',
        'centreFeedback.dueWorkdays',
        'feedbackReview.escalateAfterWorkdays',
      ]),
    );
    try {
      const { changed } = await updateWorkflowSettings(
        db,
        users.xyzx01!,
        { 'suspectFix.dueWorkdays': '12', 'suspectFix.escalateAfterWorkdays': 3 },
        '127.0.0.1',
      );
      expect(changed).toEqual(['suspectFix.dueWorkdays']);
      const audit = await db.auditLog.findFirstOrThrow({
        where: { objectType: 'WorkflowSetting', objectId: 'suspectFix.dueWorkdays' },
        orderBy: { id: 'desc' },
      });
      expect(audit.detail).toEqual({ before: 5, after: 12 });

      const faulty = await uploadRows('scjgj01', penaltyRows(1, { faultEvery: 1, prefix: `TS${Date.now()}-` }));
      const task = await waitForOpenTask(`suspect-fix-${faulty}:fix`);
      expect(task.dueAt).toEqual(addWorkdays(task.createdAt, 12, await loadCalendar(db)));
    } finally {
      await updateWorkflowSettings(db, users.xyzx01!, { 'suspectFix.dueWorkdays': '5' }, null);
    }
  });

  it('R-9.3 R-7.3 gives the review permission to credit-centre staff only', () => {
    const holders = BUILTIN_ROLES.filter((r) => (r.permissions as string[]).includes('data:review')).map((r) => r.code);
    expect(holders).toEqual(['CENTRE_STAFF']);
    expect(users.xyzx01!.permissions.has('data:review')).toBe(true);
    expect(users.scjgj01!.permissions.has('data:review')).toBe(false);
  });
});

describe('controlled data', () => {
  it('R-2.5 keeps restricted catalogs, fields and subjects out of shared and public views', async () => {
    expect(isControlled({ catalogSensitivity: 'PUBLIC', fieldVisibility: 'PUBLIC' }, 'public')).toBe(false);
    expect(isControlled({ catalogSensitivity: 'SHARED' }, 'public')).toBe(true);
    expect(isControlled({ catalogSensitivity: 'SHARED' }, 'shared')).toBe(false);
    expect(isControlled({ fieldVisibility: 'RESTRICTED' }, 'shared')).toBe(true);
    expect(isControlled({ subjectRestricted: true, catalogSensitivity: 'PUBLIC' }, 'shared')).toBe(true);
    expect(isControlled({ subjectRestricted: true, fieldVisibility: 'CONFIDENTIAL' }, 'internal')).toBe(false);

    const record = await db.creditRecord.findUniqueOrThrow({ where: { id: recordId } });
    const visible = () => db.creditRecord.count({ where: { id: recordId, AND: [controlledRecordFilter('public')] } });
    expect(await visible()).toBe(1);
    await db.subject.update({ where: { id: record.subjectId! }, data: { restricted: true } });
    try {
      expect(await visible()).toBe(0);
      expect(await db.creditRecord.count({ where: { id: recordId, AND: [controlledRecordFilter('internal')] } })).toBe(
        1,
      );
      expect((await getRecordTimeline(users.xyzx01!, recordId, null)).record.controlled).toBe(true);
    } finally {
      await db.subject.update({ where: { id: record.subjectId! }, data: { restricted: false } });
    }
  });
});
