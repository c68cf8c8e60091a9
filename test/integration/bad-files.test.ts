// Hostile and broken files (R-2.1, README: Hostile files): each gets a clear Chinese message, and nothing
// half-written stays — no batch for a file refused at upload, no records for a batch that fails.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { ValidationError } from '../../lib/errors';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'bad-'));
afterAll(() => db.$disconnect());

async function refused(name: string, content: Buffer | string): Promise<ValidationError> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const before = await db.importBatch.count();
  const err = await uploadAs('scjgj01', 'ADMIN_PENALTY', path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(await db.importBatch.count()).toBe(before);
  return err as ValidationError;
}

describe('bad input at upload', () => {
  it('R-2.1 refuses an empty file', async () => {
    expect((await refused('empty.xlsx', '')).message).toBe('文件为空');
  });

  it('R-2.1 refuses a text file renamed to .xlsx', async () => {
    expect((await refused('fake.xlsx', '行政相对人名称,处罚决定日期\n')).message).toContain('不是有效的 Excel 文件');
  });

  it('R-2.1 refuses a file type it does not read', async () => {
    expect((await refused('report.pdf', '%PDF-1.7 …')).message).toContain('不支持的文件类型');
  });
});

describe('bad input found while importing', () => {
  it('R-2.1 fails a sheet whose headers match no catalog column, with a Chinese reason and no record', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRows([
      ['姓名', '年龄', `备注${Date.now()}`],
      ['张三', '30', ''],
    ]);
    const path = join(dir, 'foreign.xlsx');
    await wb.xlsx.writeFile(path);
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path);
    const batch = await waitForBatchStatus(id, ['FAILED', 'COMPLETED', 'RETURNED']);
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toContain('表头缺少必填列');
    expect(await db.creditRecord.count({ where: { batchId: id } })).toBe(0);
  });

  it('R-2.1 refuses a truncated xlsx at upload', async () => {
    const path = join(dir, 'whole.xlsx');
    await writePenaltyXlsx(path, penaltyRows(200, { prefix: `B${Date.now()}-` }));
    const whole = readFileSync(path);
    expect((await refused('truncated.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)))).message).toContain(
      '文件不完整',
    );
  });

  it('R-2.1 a sheet that breaks after thousands of good rows fails and leaves no record behind', async () => {
    const path = join(dir, 'long.xlsx');
    const prefix = `C${Date.now()}-`;
    await writePenaltyXlsx(path, penaltyRows(5_000, { prefix }));
    // Keep the zip intact but break the sheet's XML near its end: the parser fails after committed chunks.
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const at = Math.floor(xml.length * 0.8);
    zip.file('xl/worksheets/sheet1.xml', `${xml.slice(0, at)}<row r="x"><<<${xml.slice(at)}`);
    writeFileSync(join(dir, 'broken.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', join(dir, 'broken.xlsx'));
    const batch = await waitForBatchStatus(id, ['FAILED', 'COMPLETED', 'RETURNED']);
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toMatch(/文件已损坏|格式不正确/);
    expect(await db.creditRecord.count({ where: { batchId: id } })).toBe(0);
    expect(await db.suspectItem.count({ where: { batchId: id } })).toBe(0);
    expect(batch.rowsStored).toBe(0);
    expect(batch.rowsRead).toBeGreaterThanOrEqual(1_000); // chunks had been committed, then rolled back
    const events = await db.batchEvent.findMany({ where: { batchId: id }, orderBy: { id: 'asc' } });
    expect(events.at(-1)?.message).toContain('导入失败');
  });
});
