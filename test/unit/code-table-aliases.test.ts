// Code tables read in the vocabulary of the current national 双公示 template and of the editions before it: every
// form a department's file may use is read as one item and stored as its code (prisma/seed-data/code-tables.ts,
// codeOf in lib/catalog/check-row.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRow, codeOf } from '../../lib/catalog/check-row';
import type { CodeTableDef } from '../../lib/catalog/types';
import { makeIdNumber } from '../../lib/identifiers';
import { prepareValues } from '../../lib/import/prepare-row';
import { adminLicenseCatalog, adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { codeTables } from '../../prisma/seed-data/code-tables';
import { extraCodeTables } from '../../prisma/seed-data/code-tables-extra';
import { penaltyRows } from '../support/penalty-data';
import { defFromSeed } from '../support/seed-def';

process.env.PII_ENC_KEY ??= randomBytes(32).toString('base64');
process.env.PII_HMAC_KEY ??= randomBytes(32).toString('base64');
process.env.DATABASE_URL ??= 'postgresql://unused/unused';

const today = new Date('2026-11-28T04:00:00Z');
const penalty = defFromSeed(adminPenaltyCatalog);
const license = defFromSeed(adminLicenseCatalog);
const table = (code: string): CodeTableDef => {
  const t = [...codeTables, ...extraCodeTables].find((x) => x.code === code)!;
  return { code: t.code, name: t.name, items: t.items };
};
const good = () => ({ ...penaltyRows(1)[0]!.values });

describe('行政相对人类别 in the current national vocabulary and the 2019 one', () => {
  const category = table('subject_category');

  it('reads each of the current template’s three categories', () => {
    expect(codeOf(category, '法人及非法人组织')).toBe('02');
    expect(codeOf(category, '自然人')).toBe('01');
    expect(codeOf(category, '个体工商户')).toBe('04');
  });

  it('reads the 2019 edition’s 法人 and 非法人组织, by label or code, as 法人及非法人组织', () => {
    for (const cell of ['法人', '非法人组织', '02', '03', '02 法人', '03 非法人组织', '法人和非法人组织', '０３']) {
      expect(codeOf(category, cell), cell).toBe('02');
    }
  });

  it('offers only the current vocabulary: templates and forms list 自然人, 法人及非法人组织, 个体工商户', () => {
    expect(category.items.map((i) => `${i.code} ${i.label}`)).toEqual([
      '01 自然人',
      '02 法人及非法人组织',
      '04 个体工商户',
    ]);
  });

  it('stores a 法人及非法人组织 row in the normal form, as an organisation that needs its 统一社会信用代码', () => {
    const row: Record<string, string> = { ...good(), subjectCategory: '法人及非法人组织' };
    const { values, problems } = checkRow(penalty, row, { today });
    expect(problems).toEqual([]);
    expect(values.subjectCategory).toBe('02');
    expect(prepareValues(penalty, 2, values)?.subject).toEqual({ kind: 'ORG', key: row.uscc!, name: row.subjectName! });

    const missing = checkRow(penalty, { ...row, uscc: '' }, { today }).problems.map((p) => `${p.field}:${p.code}`);
    expect(missing).toEqual(['uscc:REQUIRED']);
  });

  it('reads a 非法人组织 row of the 2019 edition as the same organisation', () => {
    const { values, problems } = checkRow(penalty, { ...good(), subjectCategory: '03 非法人组织' }, { today });
    expect(problems).toEqual([]);
    expect(values.subjectCategory).toBe('02');
  });

  it('still refuses a category that is in neither vocabulary', () => {
    const { problems } = checkRow(penalty, { ...good(), subjectCategory: '企业' }, { today });
    expect(problems.map((p) => p.message)).toEqual(['行政相对人类别的值“企业”不在代码表“行政相对人类别”中']);
  });
});

describe('the other code tables against the current template', () => {
  it('reads 证件类型 as the template writes it, 护照号 and 其他-… included, and checks the number against it', () => {
    const certType = table('cert_type');
    const written: [string, string][] = [
      ['身份证', '01'],
      ['居民身份证', '01'],
      ['护照号', '02'],
      ['护照', '02'],
      ['港澳居民来往内地通行证', '03'],
      ['台湾居民来往大陆通行证', '04'],
      ['外国人永久居留身份证', '05'],
      ['其他-军官证', '99'],
    ];
    for (const [cell, code] of written) expect(codeOf(certType, cell), cell).toBe(code);

    const person = { ...good(), subjectCategory: '自然人', uscc: '', legalRepName: '', legalRepCertType: '' };
    const passport = checkRow(
      penalty,
      { ...person, legalRepIdNumber: '', certType: '护照号', certNumber: 'E12345678' },
      {
        today,
      },
    );
    expect(passport.problems).toEqual([]);
    expect(passport.values).toMatchObject({ subjectCategory: '01', certType: '02', certNumber: 'E12345678' });
    // 护照号 is read as 护照, so a 身份证号's check does not apply, and a passport's shape does.
    const bad = checkRow(
      penalty,
      { ...person, legalRepIdNumber: '', certType: '护照号', certNumber: 'E-1' },
      { today },
    );
    expect(bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['certNumber:FORMAT']);
    const id = makeIdNumber('410823', '19900101', '123');
    const resident = checkRow(
      penalty,
      { ...person, legalRepIdNumber: '', certType: '居民身份证', certNumber: id },
      {
        today,
      },
    );
    expect(resident.problems).toEqual([]);
    expect(resident.values.certType).toBe('01');
  });

  it('reads the 处罚类别 of the 2021 law, 其他 with its kind, and the older law’s words that name one kind', () => {
    const kind = table('penalty_category');
    const written: [string, string][] = [
      ['警告', '01'],
      ['通报批评', '02'],
      ['罚款', '03'],
      ['没收违法所得', '04'],
      ['没收非法财物', '05'],
      ['暂扣许可证件', '06'],
      ['降低资质等级', '07'],
      ['吊销许可证件', '08'],
      ['限制开展生产经营活动', '09'],
      ['责令停产停业', '10'],
      ['责令关闭', '11'],
      ['限制从业', '12'],
      ['行政拘留', '13'],
      ['其他', '14'],
      ['其他-责令改正', '14'],
      ['其他（责令改正）', '14'],
      ['吊销营业执照', '08'],
      ['暂扣许可证', '06'],
      ['法律、行政法规规定的其他行政处罚', '14'],
    ];
    for (const [cell, code] of written) expect(codeOf(kind, cell), cell).toBe(code);
    // Words that name two kinds, or two kinds in one cell, are the provider's to settle, not guessed.
    for (const cell of [
      '没收违法所得、没收非法财物',
      '暂扣或者吊销许可证、暂扣或者吊销执照',
      '罚款;没收违法所得',
      '罚款 5000元',
    ]) {
      expect(codeOf(kind, cell), cell).toBeUndefined();
    }
  });

  it('reads 许可类别 and 当前状态 as the template writes them, 其他 with its kind included', () => {
    const row = (licenseCategory: string, status: string) => {
      const values = { ...good(), licenseCategory, status };
      return checkRow(license, values, { today }).values;
    };
    const written: [string, string][] = [
      ['普通', '01'],
      ['特许', '02'],
      ['认可', '03'],
      ['核准', '04'],
      ['登记', '05'],
      ['其他', '06'],
      ['其他-备案', '06'],
    ];
    for (const [cell, code] of written) expect(row(cell, '有效').licenseCategory, cell).toBe(code);
    expect(row('普通', '1').status).toBe('1');
    expect(row('普通', '无效').status).toBe('2');
  });

  it('reads a label written with full-width brackets as the label (登记状态 存续（在营、开业、在册）)', () => {
    expect(codeOf(table('reg_status'), '存续（在营、开业、在册）')).toBe('01');
    expect(codeOf(table('reg_status'), '存续(在营、开业、在册)')).toBe('01');
  });

  it('lets an item’s own code or label win over another item’s alias', () => {
    const t: CodeTableDef = {
      code: 't',
      name: '测试',
      items: [
        { code: '1', label: '甲', aliases: ['乙', '2'] },
        { code: '2', label: '乙' },
      ],
    };
    expect(codeOf(t, '乙')).toBe('2');
    expect(codeOf(t, '2')).toBe('2');
    expect(codeOf(t, '1 甲')).toBe('1');
  });
});
