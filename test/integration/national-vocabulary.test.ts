// Files in the vocabulary of the current national 双公示 template (行政相对人类别 法人及非法人组织 / 自然人 /
// 个体工商户, 证件类型 身份证 / 护照号, 处罚类别 其他-…) import through the real worker with no row suspect, stored
// in the code tables' normal form; and the data migration that brings an installation seeded with the 2019
// table (02 法人, 03 非法人组织) along, records and all.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../lib/catalog/keys';
import { loadCatalogDef } from '../../lib/catalog/load';
import { db } from '../../lib/db';
import { rekeyRecords } from '../../lib/db/rekey-records';
import { makeIdNumber } from '../../lib/identifiers';
import { recordValues } from '../../lib/records/values';
import { uploadRows } from '../support/fix-loop';
import { penaltyRows } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

afterAll(() => db.$disconnect());

const NATIONAL_CATEGORY: Record<string, string> = { '02': '法人及非法人组织', '04': '个体工商户' };

describe('a file in the current national 双公示 form', () => {
  it('R-2.1 imports with no organisation row suspect, every category stored as its code', async () => {
    const tag = `NV${Date.now()}-`;
    const rows = penaltyRows(4, { prefix: tag });
    // Organisations as the current template and the provincial systems write them; the legal representative's
    // document by name; one row still in the 2019 edition's words.
    for (const r of rows.slice(0, 3)) {
      r.values.subjectCategory = NATIONAL_CATEGORY[r.values.subjectCategory!]!;
      r.values.legalRepCertType = '身份证';
    }
    rows[1]!.values.subjectCategory = '个体工商户';
    rows[3]!.values.subjectCategory = '非法人组织';
    // A natural person, with 其他 and its kind as the template asks for a penalty outside the list.
    const idNumber = makeIdNumber('410823', '19850707', String(Date.now() % 997).padStart(3, '0'));
    rows[2]!.values = {
      ...rows[2]!.values,
      subjectCategory: '自然人',
      subjectName: '王国标',
      uscc: '',
      legalRepName: '',
      legalRepCertType: '',
      legalRepIdNumber: '',
      certType: '身份证',
      certNumber: idNumber,
      penaltyCategory: '其他-责令改正',
      fineAmount: '',
    };

    const batchId = await uploadRows('scjgj01', rows, 'national-form.xlsx');
    const batch = await waitForBatchStatus(batchId, ['COMPLETED', 'RETURNED', 'FAILED']);
    const suspects = await db.suspectItem.findMany({ where: { batchId }, select: { rowNumber: true, problems: true } });
    expect(suspects).toEqual([]);
    expect(batch).toMatchObject({ status: 'COMPLETED', rowsStored: 4, rowsSuspect: 0 });

    const records = await db.creditRecord.findMany({
      where: { batchId },
      orderBy: { rowNumber: 'asc' },
      include: { subject: true },
    });
    expect(records.map((r) => recordValues(r).subjectCategory)).toEqual([
      rows[0]!.values.subjectCategory === '个体工商户' ? '04' : '02',
      '04',
      '01',
      '02',
    ]);
    expect(recordValues(records[0]!)).toMatchObject({ legalRepCertType: '01', penaltyCategory: '03' });
    expect(recordValues(records[2]!)).toMatchObject({ certType: '01', certNumber: idNumber, penaltyCategory: '14' });
    // 关联比对 still tells organisations from persons.
    expect(records.map((r) => r.subject?.kind)).toEqual(['ORG', 'ORG', 'PERSON', 'ORG']);
    expect(records[3]!.subject?.uscc).toBe(rows[3]!.values.uscc);
  });

  it('R-2.1 returns an organisation row without its 统一社会信用代码 as suspect, as the category requires it', async () => {
    const [row] = penaltyRows(1, { prefix: `NVQ${Date.now()}-` });
    row!.values.subjectCategory = '法人及非法人组织';
    row!.values.uscc = '';
    const batchId = await uploadRows('scjgj01', [row!], 'national-form-no-uscc.xlsx');
    await waitForBatchStatus(batchId, ['RETURNED']);
    const [suspect] = await db.suspectItem.findMany({ where: { batchId } });
    expect(suspect!.problems).toEqual([
      { field: 'uscc', code: 'REQUIRED', message: '行政相对人代码_1(统一社会信用代码)不能为空' },
    ]);
  });
});

describe('the data migration of an installation seeded with the 2019 行政相对人类别', () => {
  const migrationSql = () => {
    const dir = join(import.meta.dirname, '..', '..', 'prisma', 'migrations');
    const name = readdirSync(dir).find((d) => d.endsWith('_national_vocabulary'))!;
    // The column exists already: the rest is what changes data, and it may run again.
    return readFileSync(join(dir, name, 'migration.sql'), 'utf8').replace(
      /^ALTER TABLE "CodeItem" ADD COLUMN[^;]*;/m,
      '',
    );
  };

  it('relabels 02, disables 03, moves stored 03 to 02 and refreshes the fingerprints', async () => {
    const [row] = penaltyRows(1, { prefix: `NVM${Date.now()}-` });
    row!.values.subjectCategory = '02';
    const batchId = await uploadRows('scjgj01', [row!], 'before-migration.xlsx');
    const batch = await waitForBatchStatus(batchId, ['COMPLETED']);
    const def = await loadCatalogDef(db, batch.catalogVersionId);
    const record = await db.creditRecord.findFirstOrThrow({ where: { batchId } });

    // The state an installation of the 2019 table was in: 02 法人, 03 非法人组织, a record and its subject on 03.
    const old = recordValues(record);
    const oldValues = { ...old, subjectCategory: '03' };
    await db.$transaction([
      db.codeItem.update({
        where: { tableCode_code: { tableCode: 'subject_category', code: '02' } },
        data: { label: '法人', aliases: [] },
      }),
      db.codeItem.upsert({
        where: { tableCode_code: { tableCode: 'subject_category', code: '03' } },
        create: { tableCode: 'subject_category', code: '03', label: '非法人组织', sortOrder: 2 },
        update: { enabled: true, label: '非法人组织' },
      }),
      db.creditRecord.update({
        where: { id: record.id },
        data: {
          data: { ...(record.data as object), subjectCategory: '03' },
          fingerprint: fingerprintOf(def, oldValues),
        },
      }),
      db.subject.update({ where: { id: record.subjectId! }, data: { orgCategory: '03' } }),
    ]);

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(migrationSql());
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await rekeyRecords(process.env.DATABASE_URL!)).toBeGreaterThanOrEqual(1);

    const items = await db.codeItem.findMany({ where: { tableCode: 'subject_category' }, orderBy: { code: 'asc' } });
    expect(items.map((i) => [i.code, i.label, i.enabled])).toEqual([
      ['01', '自然人', true],
      ['02', '法人及非法人组织', true],
      ['03', '非法人组织', false],
      ['04', '个体工商户', true],
    ]);
    expect(items[1]!.aliases).toEqual(expect.arrayContaining(['法人', '非法人组织', '03']));
    const history = await db.codeItemRevision.findMany({
      where: { tableCode: 'subject_category', changedByName: { startsWith: '系统' } },
      orderBy: { id: 'desc' },
      take: 2,
    });
    expect(history.map((h) => [h.code, h.after])).toEqual(
      expect.arrayContaining([
        ['02', { label: '法人及非法人组织', sortOrder: 1, enabled: true }],
        ['03', { label: '非法人组织', sortOrder: 2, enabled: false }],
      ]),
    );

    const after = await db.creditRecord.findUniqueOrThrow({ where: { id: record.id }, include: { subject: true } });
    expect(recordValues(after)).toEqual({ ...old, subjectCategory: '02' });
    expect(after.fingerprint).toBe(fingerprintOf(def, recordValues(after)));
    expect(after.subject!.orgCategory).toBe('02');
    expect(await db.creditRecord.count({ where: { fingerprint: 'refresh' } })).toBe(0);

    // The same row sent again, in the old words, is an exact repeat of the migrated record.
    row!.values.subjectCategory = '03 非法人组织';
    const again = await waitForBatchStatus(await uploadRows('scjgj01', [row!], 'after-migration.xlsx'), ['COMPLETED']);
    expect(again).toMatchObject({ rowsStored: 0, rowsUpdated: 0, rowsDuplicate: 1 });
  });
});
