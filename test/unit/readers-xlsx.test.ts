// The xlsx reader: the first visible sheet row by row as Excel shows it, and the
// hostile shapes of an xlsx — zip bombs (declared and lying), DOCTYPE in a part, DDE formulas and links.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFormat, MAX_ROWS, readRows, type SheetRow } from '../../lib/import/read-rows';
import { readXlsx } from '../../lib/import/readers/xlsx';
import { callsProgram, excelDate, numberText } from '../../lib/import/readers/xlsx-cells';
import { isDateFormat } from '../../lib/import/readers/xlsx-parts';
import { StringTable } from '../../lib/import/readers/string-table';
import { ZIP_LIMITS } from '../../lib/import/readers/zip';
import { penaltyHeaders, penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { part, repeatedPart, sheetXml, SHEET_HEAD, SHEET_TAIL, workbookParts, zipOf } from '../support/craft-xlsx';

const dir = mkdtempSync(join(tmpdir(), 'readers-xlsx-'));
let n = 0;

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

function file(content: Buffer): string {
  const path = join(dir, `f${++n}.xlsx`);
  writeFileSync(path, content);
  return path;
}

async function workbook(build: (sheet: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('数据'), wb);
  return file(Buffer.from(await wb.xlsx.writeBuffer()));
}

describe('xlsx reader', () => {
  it('R-1.3.3 yields the header and then every row of the template layout, with 1-based row numbers', async () => {
    const path = join(dir, 'penalty.xlsx');
    const rows = penaltyRows(50);
    await writePenaltyXlsx(path, rows);
    expect(await detectFormat(path, '行政处罚.xlsx')).toBe('xlsx');
    const read = await collect(readRows(path, 'xlsx'));
    const headers = penaltyHeaders();
    expect(read[0]).toEqual({ rowNumber: 1, cells: headers.map((h) => h.label) });
    expect(read).toHaveLength(51);
    read.slice(1).forEach((r, i) => {
      expect(r.rowNumber).toBe(i + 2);
      headers.forEach((h, c) => expect(r.cells[c] ?? '').toBe(rows[i]!.values[h.key] ?? ''));
    });
  });

  it('R-2.1 reads cells as Excel shows them: dates, numbers, booleans, rich text, gaps, cached formula results', async () => {
    const path = await workbook((sheet) => {
      sheet.addRow(['日期', '金额', '是否', '富文本', '空', '公式']);
      const row = sheet.addRow([
        new Date(Date.UTC(2026, 9, 15)),
        0.1 + 0.2,
        true,
        { richText: [{ text: '武陟' }, { text: '县', font: { bold: true } }] },
        null,
        { formula: 'A1&"号"', result: '武市监罚〔2026〕1号' },
      ]);
      row.getCell(1).numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('H3').value = Number('410823199001011001'); // an ID typed as a number: 15 significant digits
    });
    const read = await collect(readXlsx(path));
    expect(read[1]).toEqual({
      rowNumber: 2,
      cells: ['2026-10-15', '0.3', 'TRUE', '武陟县', '', '武市监罚〔2026〕1号'],
    });
    expect(read[2]).toEqual({ rowNumber: 3, cells: ['', '', '', '', '', '', '', '410823199001011000'] });
  });

  it('R-2.1 reads the first visible sheet and gives an empty header when the sheet does not start at row 1', async () => {
    const path = await workbook((sheet, wb) => {
      sheet.state = 'hidden';
      const data = wb.addWorksheet('可见');
      data.getCell('B3').value = '行政相对人名称';
    });
    expect(await collect(readXlsx(path))).toEqual([
      { rowNumber: 1, cells: [] },
      { rowNumber: 3, cells: ['', '行政相对人名称'] },
    ]);
  });
});

describe('xlsx cell values', () => {
  it("R-2.1 turns date serials into days in both date systems, Excel's phantom 1900-02-29 included", () => {
    expect(excelDate(1, false)).toBe('1900-01-01');
    expect(excelDate(59, false)).toBe('1900-02-28');
    expect(excelDate(60, false)).toBe('1900-02-29'); // does not exist: the date check reports it
    expect(excelDate(61, false)).toBe('1900-03-01');
    expect(excelDate(46310.75, false)).toBe('2026-10-15');
    expect(excelDate(44848, true)).toBe('2026-10-15');
  });

  it('R-2.1 tells date formats from number formats, Chinese ones included', () => {
    for (const code of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'h:mm:ss', '[DBNum1]yyyy"年"m"月"']) {
      expect(isDateFormat(code), code).toBe(true);
    }
    for (const code of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0.00"万元"', '@', '0.00E+00']) {
      expect(isDateFormat(code), code).toBe(false);
    }
    expect(numberText('1.0000000000000001E-2')).toBe('0.01');
  });

  it('R-2.1 recognises formulas that call other programs', () => {
    for (const f of [
      `cmd|' /C calc'!A0`,
      'DDE("cmd","/C calc","x")',
      'SUM(1)+CALL("kernel32","WinExec","JCJ","calc",0)',
    ]) {
      expect(callsProgram(f), f).toBe(true);
    }
    for (const f of ['SUM(A1:A3)', `'a|b'!A1`, 'CONCATENATE("a|b","c")', 'HYPERLINK("http://x","y")']) {
      expect(callsProgram(f), f).toBe(false);
    }
  });
});

describe('shared strings of a large sheet', () => {
  it('keeps a million shared strings packed and gives each back exactly, across blocks', () => {
    const table = new StringTable();
    const value = (i: number) => (i % 7 === 0 ? '' : `武陟县第${i}号${'字'.repeat(i % 13)}`);
    for (let i = 0; i < 1_000_000; i++) table.push(value(i));
    expect(table.length).toBe(1_000_000);
    for (const i of [0, 1, 7, 12_345, 99_999, 500_001, 999_999]) expect(table.get(i)).toBe(value(i));
    expect([table.get(-1), table.get(1_000_000)]).toEqual([undefined, undefined]);
  });
});

describe('hostile xlsx', () => {
  const sheet = (rows: (string | { xml: string; type?: string })[][], prolog = '') =>
    part('xl/worksheets/sheet1.xml', sheetXml(rows, prolog));

  it('R-2.1 refuses at upload a zip whose directory declares more than 3 GiB inflated', async () => {
    const big = { ...sheet([['a']]), declaredSize: 0xffff_fff0 };
    const path = file(zipOf(workbookParts(big)));
    await expect(detectFormat(path, 'big.xlsx')).rejects.toThrow(/解压后超过 3 GB（疑似压缩炸弹）/);
  });

  it('R-2.1 refuses at upload a zip whose sheet compresses more than 200 to 1 (a real bomb)', async () => {
    const bomb = await repeatedPart(
      'xl/worksheets/sheet1.xml',
      SHEET_HEAD,
      '<row><c t="inlineStr"><is><t>AAAA</t></is></c></row>',
      1_000_000,
      SHEET_TAIL,
    );
    expect(bomb.size / bomb.deflated.length).toBeGreaterThan(200);
    const path = file(zipOf(workbookParts(bomb)));
    await expect(detectFormat(path, 'bomb.xlsx')).rejects.toThrow(/压缩比异常（疑似压缩炸弹）/);
  });

  it('R-2.1 stops inflating past the size the directory declared, whatever the directory says', async () => {
    const bomb = await repeatedPart(
      'xl/worksheets/sheet1.xml',
      SHEET_HEAD,
      '<row><c t="inlineStr"><is><t>AAAA</t></is></c></row>',
      200_000,
      SHEET_TAIL,
    );
    const path = file(zipOf(workbookParts({ ...bomb, declaredSize: 100_000 })));
    expect(await detectFormat(path, 'liar.xlsx')).toBe('xlsx'); // the directory looks harmless
    const seen: number[] = [];
    const read = (async () => {
      for await (const r of readXlsx(path)) seen.push(r.rowNumber);
    })();
    await expect(read).rejects.toThrow(/解压后的数据量与文件目录记录不符（疑似压缩炸弹）/);
    expect(seen.length).toBeLessThan(3_000);
  });

  it('R-2.1 enforces the total inflation budget across parts', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => [`第${i}行`]);
    const path = file(zipOf(workbookParts(sheet(rows))));
    const limits = { ...ZIP_LIMITS, maxTotalBytes: 60_000 };
    await expect(collect(readXlsx(path, limits))).rejects.toThrow(/疑似压缩炸弹/);
  });

  it('R-2.1 refuses a sheet part with a DOCTYPE (entity expansion) before reading a row', async () => {
    const prolog = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const path = file(zipOf(workbookParts(sheet([['&b;']], prolog))));
    await expect(collect(readXlsx(path))).rejects.toThrow(/DOCTYPE/);
  });

  it('R-2.1 imports the cached value of an ordinary formula but refuses a DDE command formula', async () => {
    const formulas = [
      { xml: '<f>CONCATENATE("武陟","县")</f><v>武陟县</v>', type: 'str' },
      { xml: '<f>1/3*3</f><v>1</v>' },
    ];
    const ok = file(zipOf(workbookParts(sheet([['名称', '数'], formulas]))));
    expect((await collect(readXlsx(ok)))[1]!.cells).toEqual(['武陟县', '1']);
    const uncached = file(zipOf(workbookParts(sheet([['名称'], [{ xml: '<f>TODAY()</f>' }]]))));
    expect((await collect(readXlsx(uncached)))[1]!.cells).toEqual([]); // never calculated: no value
    for (const dde of [
      `cmd|' /C calc'!A0`,
      '=DDE("cmd","/C calc","A0")',
      `MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe'!''`,
    ]) {
      const path = file(
        zipOf(
          workbookParts(
            sheet([['名称'], [{ xml: `<f>${dde.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</f><v>0</v>` }]]),
          ),
        ),
      );
      await expect(collect(readXlsx(path))).rejects.toThrow(/A2 单元格的公式会调用外部程序/);
    }
  });

  it('R-2.1 refuses a workbook with a DDE external link', async () => {
    const link = part(
      'xl/externalLinks/externalLink1.xml',
      '<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>',
    );
    const path = file(zipOf(workbookParts(sheet([['名称'], [{ xml: "<f>[1]!'!A0'</f><v>0</v>" }]]), [link])));
    await expect(collect(readXlsx(path))).rejects.toThrow(/DDE\/OLE 外部链接/);
  });

  it(`R-2.1 refuses a sheet past row ${MAX_ROWS} and a sheet whose rows run backwards`, async () => {
    const sheetOf = (rows: string) => part('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${rows}${SHEET_TAIL}`);
    const cell = '<c t="inlineStr"><is><t>x</t></is></c>';
    const tall = file(zipOf(workbookParts(sheetOf(`<row r="1">${cell}</row><row r="${MAX_ROWS + 1}">${cell}</row>`))));
    await expect(collect(readXlsx(tall))).rejects.toThrow(/文件行数超过上限/);
    const backwards = file(
      zipOf(workbookParts(sheetOf(`<row r="1">${cell}</row><row r="3">${cell}</row><row r="2"/>`))),
    );
    await expect(collect(readXlsx(backwards))).rejects.toThrow(/行顺序错乱/);
  });

  it('R-2.1 refuses a truncated xlsx, an encrypted one and a zip that is no workbook with a Chinese reason', async () => {
    const whole = zipOf(workbookParts(sheet([['a']])));
    await expect(detectFormat(file(whole.subarray(0, whole.length - 30)), 't.xlsx')).rejects.toThrow(/文件不完整/);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(detectFormat(file(ole), 'secret.xlsx')).rejects.toThrow(/设置了打开密码/);
    const notBook = file(zipOf([part('readme.txt', 'hello')]));
    await expect(collect(readXlsx(notBook))).rejects.toThrow(/不是 Excel 工作簿/);
  });
});
