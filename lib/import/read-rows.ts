// Streams the rows of an uploaded file; never holds the whole file in memory. The first row is the header.
import { open, type FileHandle } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ValidationError } from '@/lib/errors';

export interface SheetRow {
  /** 1-based row number in the sheet (the header is row 1). */
  rowNumber: number;
  cells: string[];
}

export type FileFormat = 'xlsx';

// Excel's own limit; a sheet claiming more rows is malformed or hostile.
export const MAX_ROWS = 1_048_576;

export async function detectFormat(path: string, originalName: string): Promise<FileFormat> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(8), 0, 8, 0);
    if (bytesRead === 0) throw new ValidationError('文件为空');
    const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
    if (/\.xlsx$/i.test(originalName)) {
      if (!isZip) throw new ValidationError('文件扩展名为 .xlsx，但内容不是有效的 Excel 文件');
      if (!(await hasZipDirectory(fh)))
        throw new ValidationError('Excel 文件不完整（可能上传中断或文件已损坏），请重新导出后上传');
      return 'xlsx';
    }
    throw new ValidationError('不支持的文件类型：请上传 .xlsx 模板文件');
  } finally {
    await fh.close();
  }
}

// A complete zip ends with its central directory (signature PK\x05\x06 within the last 64 KiB + 22 bytes);
// a truncated upload does not.
async function hasZipDirectory(fh: FileHandle): Promise<boolean> {
  const { size } = await fh.stat();
  const length = Math.min(size, 65_557);
  const { buffer } = await fh.read(Buffer.alloc(length), 0, length, size - length);
  return buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0;
}

export async function* readRows(path: string, format: FileFormat): AsyncGenerator<SheetRow> {
  if (format !== 'xlsx') throw new ValidationError('不支持的文件类型');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      // Only the first worksheet holds data; the template's code-table sheet comes after it.
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number > MAX_ROWS) throw new ValidationError(`文件行数超过上限（${MAX_ROWS}行）`);
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { rowNumber: row.number, cells };
      }
      return;
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError('无法读取 Excel 文件：文件已损坏或格式不正确', { cause: String(e) });
  }
}

function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    // A formula: its cached result is what the provider saw; the formula itself is never evaluated.
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}
