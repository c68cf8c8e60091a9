// The offline fix: the department downloads its returned rows as an xlsx — faulty cells red
// with the reason as a comment, values neutralised against formula injection, a hidden id per row — fixes
// them in a spreadsheet, uploads the file back; each row finds its suspect item again, rows that pass are
// stored like a fix on screen, a row still wrong stays with its new problems, and the batch completes.
import { writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { unsealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { saveStream } from '../../lib/files/store';
import { importOfflineFixes } from '../../lib/suspects/offline-import';
import { ITEM_ID_HEADER, PROBLEMS_HEADER, ROW_NUMBER_HEADER } from '../../lib/suspects/offline-export';
import { downloadSuspects, tmpFile, uploadRows, waitForOpenTask } from '../support/fix-loop';
import { penaltyHeaders, penaltyRows, type PenaltyRow } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const INJECTION = '=HYPERLINK("http://evil.example/x","点此查看")';
let operator: CurrentUser;
let rows: PenaltyRow[];
let batchId: string;
let taskId: string;

beforeAll(async () => {
  operator = (await loadUser({ username: 'scjgj01' }))!;
  // Rows 3, 5, 7 of the sheet are faulty: a wrong USCC check character, no 违法事实, an impossible date.
  rows = penaltyRows(6, { faultEvery: 2, prefix: `OF${Date.now()}-` });
  rows[5]!.values.violationType = INJECTION;
  batchId = await uploadRows('scjgj01', rows);
  await waitForBatchStatus(batchId, ['RETURNED']);
  taskId = `suspect-fix-${batchId}:fix`;
  await waitForOpenTask(taskId);
});
afterAll(() => db.$disconnect());

async function uploadWorkbook(user: CurrentUser, wb: ExcelJS.Workbook, name: string) {
  const path = tmpFile(name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  const upload = await saveStream(createReadStream(path));
  return importOfflineFixes(user, taskId, { ...upload, originalName: name }, '127.0.0.1');
}

/** The cell of a catalog field (by key) in a data row of the downloaded sheet, found by its header. */
const cellOf = (sheet: ExcelJS.Worksheet, r: number, key: string) => {
  const label = penaltyHeaders().find((h) => h.key === key)!.label;
  const col = (sheet.getRow(1).values as unknown[]).indexOf(label);
  if (col < 1) throw new Error(`no column ${label}`);
  return sheet.getRow(r).getCell(col);
};

describe('offline fix file', () => {
  it('R-2.3 R-2.6 downloads only the open rows, faulty cells red with the reason as a comment, a hidden id column', async () => {
    const { filename, wb } = await downloadSuspects(operator, taskId);
    expect(filename).toMatch(/^置疑数据_行政处罚_PC\d{8}-\d+\.xlsx$/);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      ITEM_ID_HEADER,
      ROW_NUMBER_HEADER,
      PROBLEMS_HEADER,
    ]);
    expect(sheet.getColumn(1).hidden).toBe(true);
    expect(sheet.rowCount).toBe(4);
    const items = await db.suspectItem.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(items.map((i) => i.id));
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value)).toEqual([3, 5, 7]);

    const uscc = cellOf(sheet, 2, 'uscc');
    expect((uscc.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(uscc.note)).toContain('校验位错误');
    const date = cellOf(sheet, 4, 'decisionDate');
    expect(String(date.note)).toContain('不是有效日期');
    expect((cellOf(sheet, 2, 'subjectName').fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
  });

  it('R-2.3 neutralises a value that would run as a formula in a spreadsheet', async () => {
    const { wb } = await downloadSuspects(operator, taskId);
    const cell = cellOf(wb.worksheets[0]!, 4, 'violationType');
    expect(cell.formula).toBeUndefined();
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${INJECTION}`);
  });

  it('R-7.4 refuses the file of another department’s task', async () => {
    const other = (await loadUser({ username: 'swj01' }))!;
    await expect(downloadSuspects(other, taskId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('R-2.3 matches each uploaded row to its item, stores the fixed ones and keeps a row still wrong open with its new problems', async () => {
    const { wb } = await downloadSuspects(operator, taskId);
    const sheet = wb.worksheets[0]!;
    // Fix the USCC (row 3) and the date (row 7); row 5 gets a new mistake and still no 违法事实.
    cellOf(sheet, 2, 'uscc').value = penaltyRows(2, { prefix: 'x' })[1]!.values.uscc!;
    cellOf(sheet, 3, 'decisionDate').value = '2026-02-30';
    cellOf(sheet, 4, 'decisionDate').value = '2026-10-16';
    // The id of the last row is lost (a user cleared it): the row number still finds the item.
    sheet.getRow(4).getCell(1).value = null;

    const result = await uploadWorkbook(operator, wb, '置疑数据_修复后.xlsx');
    expect(result).toMatchObject({ rowsRead: 3, submitted: 2, unchanged: 0, unmatched: [] });
    expect(result.stillWrong).toHaveLength(1);
    expect(result.stillWrong[0]!.rowNumber).toBe(5);
    expect(result.stillWrong[0]!.problems.map((p) => p.code).sort()).toEqual(['DATE', 'REQUIRED']);
    expect(result.reply).toMatchObject({ done: false, data: { stored: 2, open: 1 } });

    const items = await db.suspectItem.findMany({ where: { batchId }, orderBy: { rowNumber: 'asc' } });
    expect(items.map((i) => i.status)).toEqual(['FIXED', 'OPEN', 'FIXED']);
    const stillWrong = items[1]!;
    expect(unsealJson<Record<string, string>>(stillWrong.fixSealed!).decisionDate).toBe('2026-02-30');
    expect((stillWrong.problems as { code: string }[]).map((p) => p.code)).toContain('DATE');

    // The injected value comes back exactly as the department sent it, not with the guard's apostrophe.
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId, rowNumber: 7 } });
    expect((record.data as Record<string, string>).violationType).toBe(INJECTION);

    const trace = await db.fixEvent.findMany({
      where: { suspectItemId: { in: items.map((i) => i.id) } },
      orderBy: { id: 'asc' },
    });
    expect(trace.filter((e) => e.kind === 'FIX_SUBMITTED')).toHaveLength(2);
    const submitted = trace.find((e) => e.kind === 'FIX_SUBMITTED')!.data as { via: string; file: { sha256: string } };
    expect(submitted.via).toBe('file');
    expect(await db.storedFile.findUnique({ where: { sha256: submitted.file.sha256 } })).not.toBeNull();
    expect(trace.filter((e) => e.kind === 'FIX_FAILED' && e.suspectItemId === stillWrong.id)).toHaveLength(1);
  });

  it('R-2.3 ignores untouched rows, offers the row still wrong with the attempt, and completes the batch once it is fixed', async () => {
    const first = await downloadSuspects(operator, taskId);
    const sheet = first.wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(cellOf(sheet, 2, 'decisionDate').value).toBe('2026-02-30');
    expect(String(cellOf(sheet, 2, 'facts').note)).toContain('不能为空');

    const untouched = await uploadWorkbook(operator, first.wb, '未修改.xlsx');
    expect(untouched).toMatchObject({ rowsRead: 1, submitted: 0, unchanged: 1, reply: null });

    cellOf(sheet, 2, 'decisionDate').value = '2026-10-15';
    cellOf(sheet, 2, 'facts').value = '当事人未按规定公示年度报告。';
    const done = await uploadWorkbook(operator, first.wb, '置疑数据_第二次.xlsx');
    expect(done).toMatchObject({ submitted: 1, stillWrong: [], reply: { done: true } });
    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    expect(batch.rowsFixed).toBe(3);
    expect(await db.creditRecord.count({ where: { batchId } })).toBe(6);
  });

  it('R-2.3 refuses a file that is not a suspects file of this task', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['subjectName', 'uscc']);
    // The task is closed by now, so use a fresh one.
    const fresh = await uploadRows('scjgj01', penaltyRows(2, { faultEvery: 2, prefix: `OG${Date.now()}-` }));
    taskId = `suspect-fix-${fresh}:fix`;
    await waitForOpenTask(taskId);
    await expect(uploadWorkbook(operator, wb, 'other.xlsx')).rejects.toBeInstanceOf(ValidationError);
  });
});
