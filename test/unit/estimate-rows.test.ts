// The row estimate behind the progress bar and the time left on a batch page: counted for text
// files, read from the sheet's <dimension> or scaled from the first rows for Excel files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateRows } from '../../lib/exchange/estimate-rows';
import { part, workbookParts, zipOf } from '../support/craft-xlsx';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { writePenaltyDelimited } from '../support/penalty-formats';

const dir = mkdtempSync(join(tmpdir(), 'estimate-'));

describe('expected rows of an upload', () => {
  it('counts the data rows of a CSV exactly', async () => {
    const path = join(dir, 'a.csv');
    await writePenaltyDelimited(path, penaltyRows(321));
    expect(await estimateRows(path, 'csv')).toBe(321);
  });

  it('counts a small xlsx exactly and a large one within a few percent, without a dimension', async () => {
    const small = join(dir, 'small.xlsx');
    await writePenaltyXlsx(small, penaltyRows(50));
    expect(await estimateRows(small, 'xlsx')).toBe(50);
    const large = join(dir, 'large.xlsx');
    await writePenaltyXlsx(large, penaltyRows(20_000));
    const estimate = (await estimateRows(large, 'xlsx'))!;
    expect(Math.abs(estimate - 20_000) / 20_000).toBeLessThan(0.05);
  });

  it('takes the row count from the dimension Excel writes at the top of a sheet', async () => {
    const sheet = part(
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<dimension ref="A1:AE250001"/><sheetData><row r="1"><c t="inlineStr"><is><t>处罚决定书文号</t></is></c></row>' +
        '</sheetData></worksheet>',
    );
    const path = join(dir, 'dimension.xlsx');
    writeFileSync(path, zipOf(workbookParts(sheet)));
    expect(await estimateRows(path, 'xlsx')).toBe(250_000);
  });

  it('gives no estimate for XML or an unreadable workbook, and leaves the refusal to the import', async () => {
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(await estimateRows(broken, 'xlsx')).toBeNull();
    expect(await estimateRows(broken, 'xml')).toBeNull();
  });
});
