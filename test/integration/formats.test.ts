// Every upload format through the real import: the same 行政处罚 rows as xlsx, CSV in
// UTF-8 (with BOM) and in GBK, tab-delimited TXT and XML — each with its columns in another order and, for the
// delimited files, a column no catalog field has — end in identical stored records and identical suspect items.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { penaltyHeaders, penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { writePenaltyDelimited, writePenaltyXml } from '../support/penalty-formats';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'formats-'));
const stamp = Date.now();
const keys = penaltyHeaders().map((h) => h.key);
const reversed = [...keys].reverse();
const shuffled = [...keys.filter((_, i) => i % 2 === 1), ...keys.filter((_, i) => i % 2 === 0)];

const FORMATS = {
  xlsx: (path: string, prefix: string) => writePenaltyXlsx(path, penaltyRows(40, { faultEvery: 8, prefix })),
  'utf8.csv': (path: string, prefix: string) =>
    writePenaltyDelimited(path, penaltyRows(40, { faultEvery: 8, prefix }), {
      encoding: 'utf-8-bom',
      order: reversed,
      extra: { label: '备注', value: '=HYPERLINK("http://x")' },
    }),
  'gbk.csv': (path: string, prefix: string) =>
    writePenaltyDelimited(path, penaltyRows(40, { faultEvery: 8, prefix }), {
      encoding: 'gbk',
      order: shuffled,
      extra: { label: '经办人', value: '张三' },
    }),
  'tab.txt': (path: string, prefix: string) =>
    writePenaltyDelimited(path, penaltyRows(40, { faultEvery: 8, prefix }), { delimiter: '\t', order: shuffled }),
  xml: (path: string, prefix: string) =>
    writePenaltyXml(path, penaltyRows(40, { faultEvery: 8, prefix }), { order: reversed }),
};
type Format = keyof typeof FORMATS;

const batches = new Map<Format, { id: string; prefix: string }>();

beforeAll(async () => {
  for (const [format, write] of Object.entries(FORMATS) as [Format, (p: string, prefix: string) => Promise<void>][]) {
    const prefix = `F${stamp}${format.replace('.', '')}-`;
    const path = join(dir, `行政处罚_${format.replace('.', '_')}.${format.split('.').pop()}`);
    await write(path, prefix);
    const { id } = await uploadAs('scjgj01', 'ADMIN_PENALTY', path);
    batches.set(format, { id, prefix });
  }
  for (const { id } of batches.values()) await waitForBatchStatus(id, ['RETURNED', 'COMPLETED', 'FAILED']);
}, 300_000);

afterAll(() => db.$disconnect());

/** A batch's outcome with its own decision-number prefix taken out, so batches of different files compare. */
async function outcome(format: Format) {
  const { id, prefix } = batches.get(format)!;
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id } });
  const strip = (v: unknown) =>
    JSON.parse(
      JSON.stringify(v ?? null)
        .split(prefix)
        .join(''),
    ) as unknown;
  // An XML record leaves empty fields out where a sheet has empty cells: the raw row of a suspect item then
  // lacks the key instead of holding ''. Both mean the same empty field.
  const filled = (row: Record<string, string>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
  const records = await db.creditRecord.findMany({ where: { batchId: id }, orderBy: { rowNumber: 'asc' } });
  const items = await db.suspectItem.findMany({ where: { batchId: id }, orderBy: { rowNumber: 'asc' } });
  return {
    status: batch.status,
    error: batch.error,
    counts: [batch.rowsRead, batch.rowsStored, batch.rowsUpdated, batch.rowsDuplicate, batch.rowsSuspect],
    records: records.map((r) => ({
      rowNumber: r.rowNumber,
      data: strip(r.data),
      sealed: r.sealed ? unsealJson(r.sealed) : null,
      subject: r.subjectId,
      decisionDate: r.decisionDate?.toISOString(),
    })),
    suspects: items.map((i) => ({
      rowNumber: i.rowNumber,
      problems: i.problems,
      row: strip(filled(unsealJson<Record<string, string>>(i.rowSealed))),
    })),
  };
}

describe('the same rows in every upload format', () => {
  it('R-1.3.3 R-2.1 the xlsx import stores the valid rows and returns the faulty ones', async () => {
    const xlsx = await outcome('xlsx');
    expect(xlsx.status).toBe('RETURNED');
    expect(xlsx.counts).toEqual([40, 35, 0, 0, 5]);
    expect(xlsx.suspects.map((s) => s.rowNumber)).toEqual([9, 17, 25, 33, 41]);
  });

  it('R-1.3.3 tells the department which extra columns of a file were not imported', async () => {
    const history = async (format: Format) =>
      (await db.batchEvent.findMany({ where: { batchId: batches.get(format)!.id, kind: 'COLUMNS_IGNORED' } })).map(
        (e) => e.message,
      );
    expect(await history('utf8.csv')).toEqual(['文件中有 1 列不属于本目录，未导入：备注']);
    expect(await history('gbk.csv')).toEqual(['文件中有 1 列不属于本目录，未导入：经办人']);
    expect(await history('xlsx')).toEqual([]);
  });

  it('knows how many rows an uploaded text file holds, for the progress bar and the time left', async () => {
    const expected = async (format: Format) =>
      (await db.importBatch.findUniqueOrThrow({ where: { id: batches.get(format)!.id } })).expectedRows;
    expect([await expected('utf8.csv'), await expected('gbk.csv'), await expected('tab.txt')]).toEqual([40, 40, 40]);
  });

  for (const format of ['utf8.csv', 'gbk.csv', 'tab.txt', 'xml'] as const) {
    it(`R-1.3.1 R-2.1 a ${format} file ends in the same records and suspect items as the xlsx`, async () => {
      const [expected, actual] = await Promise.all([outcome('xlsx'), outcome(format)]);
      expect(actual.error).toBeNull();
      expect(actual.status).toBe(expected.status);
      expect(actual.counts).toEqual(expected.counts);
      expect(actual.records).toEqual(expected.records);
      expect(actual.suspects).toEqual(expected.suspects);
    });
  }
});
