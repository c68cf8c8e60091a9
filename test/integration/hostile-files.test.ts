// Hostile and odd files in the new formats through the real upload and import (R-2.1, README: Hostile files): zip bombs,
// XML entities, too many rows, formulas, empty and header-only CSVs, binaries in disguise. Each is refused at
// upload with a Chinese reason (and no batch), or fails its batch with one (and leaves no record behind), or
// imports correctly.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { ValidationError } from '../../lib/errors';
import { MAX_ROWS } from '../../lib/import/read-rows';
import { part, repeatedPart, SHEET_HEAD, SHEET_TAIL, sheetXml, workbookParts, zipOf } from '../support/craft-xlsx';
import { encodeGbk } from '../support/gbk';
import { penaltyHeaders, penaltyRows } from '../support/penalty-data';
import { writePenaltyDelimited } from '../support/penalty-formats';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
const stamp = Date.now();
afterAll(() => db.$disconnect());

function save(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function refused(name: string, content: Buffer | string): Promise<string> {
  const before = await db.importBatch.count();
  const err = await uploadAs('scjgj01', 'ADMIN_PENALTY', save(name, content)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(await db.importBatch.count()).toBe(before);
  return (err as ValidationError).message;
}

/** Uploads a file the upload accepts and waits for its batch to end; returns the batch and its leftovers. */
async function imported(path: string) {
  const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path);
  const batch = await waitForBatchStatus(id, ['FAILED', 'COMPLETED', 'RETURNED'], 180_000);
  return {
    batch,
    records: await db.creditRecord.count({ where: { batchId: id } }),
    suspects: await db.suspectItem.count({ where: { batchId: id } }),
  };
}

const labels = penaltyHeaders().map((h) => h.label);
/** Sheet rows of valid 行政处罚 data with a unique prefix; `cell` replaces one cell of one row. */
function penaltySheet(count: number, prefix: string, cell?: { row: number; col: number; xml: string; type?: string }) {
  const keys = penaltyHeaders().map((h) => h.key);
  const rows: (string | { xml: string; type?: string })[][] = [labels];
  for (const r of penaltyRows(count, { prefix })) rows.push(keys.map((k) => r.values[k] ?? ''));
  if (cell) rows[cell.row - 1]![cell.col - 1] = { xml: cell.xml, type: cell.type };
  return part('xl/worksheets/sheet1.xml', sheetXml(rows));
}

describe('zip bombs', () => {
  it('R-2.1 refuses at upload an xlsx whose sheet inflates more than 200 times', async () => {
    const row = '<row><c t="inlineStr"><is><t>AAAAAAAA</t></is></c></row>';
    const bomb = await repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, row, 2_000_000, SHEET_TAIL);
    expect(await refused('bomb.xlsx', zipOf(workbookParts(bomb)))).toMatch(/压缩比异常（疑似压缩炸弹）/);
  });

  it('R-2.1 refuses at upload an xlsx whose directory declares more than 3 GiB', async () => {
    const sheet = { ...penaltySheet(3, `Z${stamp}-`), declaredSize: 0xfff0_0000 };
    expect(await refused('huge.xlsx', zipOf(workbookParts(sheet)))).toMatch(/解压后超过 3 GB/);
  });

  it('R-2.1 fails the batch of an xlsx whose directory lies about its size, and leaves nothing behind', async () => {
    const rows = await repeatedPart(
      'xl/worksheets/sheet1.xml',
      `${SHEET_HEAD}<row r="1">${labels.map((l) => `<c t="inlineStr"><is><t>${l}</t></is></c>`).join('')}</row>`,
      '<row><c t="inlineStr"><is><t>武陟县某公司</t></is></c></row>',
      100_000,
      SHEET_TAIL,
    );
    const { batch, records, suspects } = await imported(
      save('liar.xlsx', zipOf(workbookParts({ ...rows, declaredSize: 100_000 }))),
    );
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toMatch(/解压后的数据量与文件目录记录不符（疑似压缩炸弹）/);
    expect([records, suspects, batch.rowsStored]).toEqual([0, 0, 0]);
  });
});

describe('XML entities', () => {
  it('R-2.1 refuses at upload an XML with an external entity or a billion-laughs DOCTYPE', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><records><record><subjectName>&x;</subjectName></record></records>';
    const lol =
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><records><record><facts>&c;</facts></record></records>';
    expect(await refused('xxe.xml', xxe)).toMatch(/DOCTYPE/);
    expect(await refused('lol.xml', lol)).toMatch(/DOCTYPE/);
  });

  it('R-2.1 fails the batch of an XML whose DOCTYPE hides behind 64 KiB of comment', async () => {
    const xml = `<?xml version="1.0"?><!--${'注'.repeat(30_000)}--><!DOCTYPE r [<!ENTITY x "y">]><records><record><facts>&x;</facts></record></records>`;
    const { batch, records } = await imported(save('late-doctype.xml', xml));
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toMatch(/DOCTYPE/);
    expect(records).toBe(0);
  });
});

describe('row limit', () => {
  it(`R-2.1 fails a CSV of ${MAX_ROWS + 1} rows with a clear reason before storing anything`, async () => {
    const row = labels.map(() => '').join(',');
    const body = Buffer.from(`${labels.join(',')}\n${`x${stamp}${row}\n`.repeat(MAX_ROWS)}`);
    const { batch, records, suspects } = await imported(save('rows.csv', body));
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toContain('文件行数超过上限（最多1,048,576行，含表头）');
    expect([records, suspects, batch.rowsRead]).toEqual([0, 0, 0]);
  });
});

describe('formula cells', () => {
  const factsCol = penaltyHeaders().findIndex((h) => h.key === 'facts') + 1;

  it('R-2.1 stores the cached value of an ordinary formula', async () => {
    const prefix = `G${stamp}-`;
    const xml = '<f>CONCATENATE("当事人未按规定","公示年度报告")</f><v>当事人未按规定公示年度报告</v>';
    const sheet = penaltySheet(3, prefix, { row: 3, col: factsCol, xml, type: 'str' });
    const { batch, records } = await imported(save('formula.xlsx', zipOf(workbookParts(sheet))));
    expect(batch.status).toBe('COMPLETED');
    expect(records).toBe(3);
    const stored = await db.creditRecord.findFirstOrThrow({ where: { batchId: batch.id, rowNumber: 3 } });
    expect((stored.data as Record<string, string>).facts).toBe('当事人未按规定公示年度报告');
  });

  it('R-2.1 refuses a DDE command formula after thousands of rows and rolls the committed chunks back', async () => {
    // Chunks of 1,000 then 2,000 rows (rows 2–3,001) commit before the reader meets the formula at row 3,900.
    const sheet = penaltySheet(4_000, `H${stamp}-`, {
      row: 3_900,
      col: factsCol,
      xml: "<f>cmd|' /C calc'!A0</f><v>0</v>",
    });
    const { batch, records, suspects } = await imported(save('dde.xlsx', zipOf(workbookParts(sheet))));
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toMatch(/单元格的公式会调用外部程序（DDE\/命令），文件已被拒绝/);
    expect(batch.rowsRead).toBeGreaterThanOrEqual(3_000); // two chunks had been committed
    expect([records, suspects, batch.rowsStored]).toEqual([0, 0, 0]);
  });
});

describe('empty and disguised text files', () => {
  it('R-2.1 refuses an empty CSV and one with only a BOM', async () => {
    expect(await refused('empty.csv', '')).toBe('文件为空');
    expect(await refused('bom.csv', '\uFEFF')).toBe('文件为空');
  });

  it('R-2.1 completes a CSV with only a header, storing nothing', async () => {
    const { batch, records } = await imported(save('header.csv', `${labels.join(',')},备注${stamp}\r\n`));
    expect(batch.status).toBe('COMPLETED');
    expect([records, batch.rowsRead]).toEqual([0, 0]);
  });

  it('R-2.1 refuses a binary file and an xlsx named .csv at upload', async () => {
    expect(await refused('program.csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))).toMatch(
      /不是文本文件/,
    );
    expect(await refused('book.csv', zipOf(workbookParts(penaltySheet(1, `J${stamp}-`))))).toMatch(/内容是 Excel 文件/);
  });

  it('R-2.1 fails a CSV that switches from UTF-8 to GBK part-way, with nothing stored', async () => {
    const path = join(dir, 'mixed-head.csv');
    await writePenaltyDelimited(path, penaltyRows(1_500, { prefix: `K${stamp}-` }));
    const mixed = Buffer.concat([
      readFileSync(path),
      encodeGbk(
        `武陟县某公司,${labels
          .slice(1)
          .map(() => '')
          .join(',')}\r\n`,
      ),
    ]);
    const { batch, records } = await imported(save('mixed.csv', mixed));
    expect(batch.status).toBe('FAILED');
    expect(batch.error).toMatch(/不是 UTF-8 编码的字符/);
    expect(records).toBe(0);
  });
});
