// The CSV and TXT readers: UTF-8 with or without BOM, GBK and UTF-16 detected, quoted fields,
// tab- and pipe-delimited TXT, record numbers as Excel shows them; bad encodings, binaries and too many rows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, MAX_ROWS, readRows, type FileFormat, type SheetRow } from '../../lib/import/read-rows';
import { SNIFF_BYTES } from '../../lib/import/readers/text';
import { encodeGbk } from '../support/gbk';

const dir = mkdtempSync(join(tmpdir(), 'readers-text-'));
let n = 0;

function file(ext: string, content: Buffer | string): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, format: FileFormat): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of readRows(path, format)) out.push(r);
  return out;
}

const TABLE = [
  ['行政相对人名称', '处罚决定日期', '处罚内容'],
  ['武陟县长青食品有限公司', '2026-10-15', '罚款人民币贰仟元整'],
  ['武陟县丰泽饭店', '2026/10/16', '警告，并处罚款'],
];
const csvText = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const expected = TABLE.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe('CSV and TXT readers', () => {
  it('R-1.3.1 reads the same rows from UTF-8, UTF-8 with BOM, GBK and UTF-16 CSV files', async () => {
    const text = csvText(TABLE);
    const files = {
      utf8: Buffer.from(text, 'utf8'),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      gbk: encodeGbk(text),
      utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const path = file('csv', bytes);
      expect(await detectFormat(path, `${name}.csv`)).toBe('csv');
      expect(await read(path, 'csv'), name).toEqual(expected);
    }
  });

  it('R-1.3.1 reads TXT as tab-delimited, or pipe-delimited when the header has no tab', async () => {
    const tab = file('txt', encodeGbk(TABLE.map((r) => r.join('\t')).join('\n')));
    expect(await detectFormat(tab, 'a.txt')).toBe('txt');
    expect(await read(tab, 'txt')).toEqual(expected);
    const pipe = file('txt', TABLE.map((r) => r.join('|')).join('\n') + '\n');
    expect(await read(pipe, 'txt')).toEqual(expected);
  });

  it('R-2.1 keeps quoted commas and line breaks in one field, counts an empty line as a row, keeps stray quotes', async () => {
    const path = file('csv', '名称,事实\n"武陟县,某公司","第一行\n第二行"\n\n某公司,他说"好"\n');
    expect(await read(path, 'csv')).toEqual([
      { rowNumber: 1, cells: ['名称', '事实'] },
      { rowNumber: 2, cells: ['武陟县,某公司', '第一行\n第二行'] },
      { rowNumber: 3, cells: [''] },
      { rowNumber: 4, cells: ['某公司', '他说"好"'] },
    ]);
  });

  it('R-2.1 detects the encoding even when a character straddles the 64 KiB sniffing edge', async () => {
    for (const encode of [(s: string) => Buffer.from(s, 'utf8'), encodeGbk]) {
      const head = encode('名称\n');
      // '武' starts one byte before the edge: the sniffed bytes end in the middle of it.
      const bytes = Buffer.concat([head, Buffer.from('x'.repeat(SNIFF_BYTES - 1 - head.length)), encode('武陟县\n')]);
      expect(bytes.indexOf(encode('武'))).toBe(SNIFF_BYTES - 1);
      const rows = await read(file('csv', bytes), 'csv');
      expect(rows.map((r) => r.cells[0]!.slice(-3))).toEqual(['名称', '武陟县']);
    }
  });

  it('R-2.1 refuses a file that switches from UTF-8 to GBK after the first 64 KiB', async () => {
    const utf8 = Buffer.from(`名称\n${'武陟县\n'.repeat(8_000)}`, 'utf8');
    const path = file('csv', Buffer.concat([utf8, encodeGbk('武陟县\n')]));
    await expect(read(path, 'csv')).rejects.toThrow(/不是 UTF-8 编码的字符（可能混用了多种编码/);
  });

  it('R-2.1 refuses a binary file named .csv, an Excel file named .csv and an empty one, at upload', async () => {
    await expect(detectFormat(file('csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), 'a.csv')).rejects.toThrow(
      /内容不是文本文件/,
    );
    await expect(detectFormat(file('csv', Buffer.from('PK\x03\x04rest')), 'b.csv')).rejects.toThrow(
      /内容是 Excel 文件/,
    );
    await expect(detectFormat(file('csv', '\uFEFF\r\n'), 'c.csv')).rejects.toThrow('文件为空');
    await expect(detectFormat(file('txt', Buffer.from([0xff, 0xff, 0x81, 0x20])), 'd.txt')).rejects.toThrow(
      /无法识别文件的字符编码/,
    );
  });

  it('R-2.1 reads a CSV with only a header as one row', async () => {
    expect(await read(file('csv', '行政相对人名称,处罚决定日期\r\n'), 'csv')).toEqual([
      { rowNumber: 1, cells: ['行政相对人名称', '处罚决定日期'] },
    ]);
  });

  it('R-2.1 names the row of an unclosed quote', async () => {
    await expect(read(file('csv', 'a,b\n1,2\n3,"never closed\n4,5\n'), 'csv')).rejects.toThrow(
      /第3行起的双引号没有闭合/,
    );
  });

  it(`R-2.1 refuses a CSV of ${MAX_ROWS + 1} rows before yielding a single row`, async () => {
    const path = file('csv', `名称\n${'x\n'.repeat(MAX_ROWS)}`);
    const rows = readRows(path, 'csv');
    await expect(rows.next()).rejects.toThrow(/文件行数超过上限（最多1,048,576行，含表头）/);
    const atLimit = file('csv', `名称\n${'x\n'.repeat(MAX_ROWS - 1)}`);
    let count = 0;
    for await (const _ of readRows(atLimit, 'csv')) count += 1;
    expect(count).toBe(MAX_ROWS);
  }, 60_000);
});
