// The catalog engine on the national 行政处罚 catalog: format validation, cross-field rules, header
// matching and deduplication keys.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRow } from '../../lib/catalog/check-row';
import { makeIdNumber } from '../../lib/identifiers';
import { matchHeaders } from '../../lib/catalog/headers';
import { fingerprintOf, naturalKeyOf } from '../../lib/catalog/keys';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { penaltyRows } from '../support/penalty-data';
import { defFromSeed } from '../support/seed-def';

// Keys are keyed hashes (lib/crypto/pii.ts reads its keys when first used).
process.env.PII_ENC_KEY ??= randomBytes(32).toString('base64');
process.env.PII_HMAC_KEY ??= randomBytes(32).toString('base64');
process.env.DATABASE_URL ??= 'postgresql://unused/unused';

const def = defFromSeed(adminPenaltyCatalog);
const today = new Date('2026-11-28T04:00:00Z');
const good = () => ({ ...penaltyRows(1)[0]!.values });
const codes = (values: Record<string, string>) =>
  checkRow(def, values, { today }).problems.map((p) => `${p.field}:${p.code}`);

describe('format validation of a 行政处罚 row', () => {
  it('R-2.1 accepts a complete, valid row', () => {
    expect(codes(good())).toEqual([]);
  });

  it('R-2.1 reports each missing required field by its Chinese name', () => {
    const row = { ...good(), facts: '', basis: '  ' };
    const { problems } = checkRow(def, row, { today });
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining(['违法事实不能为空', '处罚依据不能为空']));
  });

  it('R-2.1 checks the USCC check character and the legal representative 身份证号', () => {
    const row = { ...good(), uscc: '91350100M000100Y4Z', legalRepIdNumber: '36042619910102009X' };
    expect(codes(row)).toEqual(expect.arrayContaining(['uscc:FORMAT', 'legalRepIdNumber:CHECK_CHAR']));
  });

  it('R-2.1 reports a wrong code required by the subject category once, as wrong, not also as missing', () => {
    const uscc = good().uscc!;
    const wrongCheckChar = uscc.slice(0, 17) + (uscc[17] === 'A' ? 'B' : 'A');
    const row = { ...good(), subjectCategory: '02', uscc: wrongCheckChar };
    expect(codes(row).filter((c) => c.startsWith('uscc:'))).toEqual(['uscc:CHECK_CHAR']);
    // An empty one is missing.
    expect(codes({ ...good(), subjectCategory: '02', uscc: '' })).toContain('uscc:REQUIRED');
  });

  it('R-2.1 normalises dates, code-table labels and full-width characters', () => {
    const row = {
      ...good(),
      decisionDate: '2026/9/1',
      penaltyCategory: '罚款',
      uscc: good().uscc!.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
    };
    const { values, problems } = checkRow(def, row, { today });
    expect(problems).toEqual([]);
    expect(values.decisionDate).toBe('2026-09-01');
    expect(values.penaltyCategory).toBe('03');
    expect(values.uscc).toBe(good().uscc);
  });

  it('R-2.1 reads a code-table cell as the template writes it, as its code, its label, or its code and any words', () => {
    const category = (cell: string) => checkRow(def, { ...good(), penaltyCategory: cell }, { today });
    for (const cell of ['03 罚款', '03', '罚款', '03 罚款（按日连续）']) {
      expect(category(cell).values.penaltyCategory, cell).toBe('03');
      expect(category(cell).problems, cell).toEqual([]);
    }
    // A label with words after it, or a code that is not in the table, is not guessed at.
    for (const cell of ['罚款 5000元', '3', '99 罚款']) {
      expect(
        category(cell).problems.map((p) => p.code),
        cell,
      ).toEqual(['ENUM']);
    }
  });

  it('R-2.1 reads a certificate number against its type however the type is written, and a wrong type once', () => {
    const person = { ...good(), subjectCategory: '01', uscc: '' };
    const idNumber = makeIdNumber('410823', '19900101', '123');
    for (const certType of ['01 身份证', '01', '身份证']) {
      const { values, problems } = checkRow(def, { ...person, certType, certNumber: idNumber }, { today });
      expect(problems, certType).toEqual([]);
      expect(values.certType, certType).toBe('01');
    }
    expect(codes({ ...person, certType: '护照', certNumber: 'E12345678' })).toEqual([]);
    expect(codes({ ...good(), legalRepCertType: '护照', legalRepIdNumber: 'E12345678' })).toEqual([]);
    // A passport number is no 身份证号.
    expect(codes({ ...person, certType: '身份证', certNumber: 'E12345678' })).toEqual(['certNumber:FORMAT']);
    // A type not in the code table is the type's problem; the number is read again once the type is fixed.
    expect(codes({ ...person, certType: '09', certNumber: idNumber })).toEqual(['certType:ENUM']);
  });

  it('R-2.1 judges a 身份证号 birth date against the day the row is checked on, not the clock', () => {
    // Born on 2026-11-28 (the check day, in Shanghai): valid then, not the day before.
    const number = makeIdNumber('410823', '20261128', '001');
    const person = { ...good(), subjectCategory: '01', uscc: '', certType: '01', certNumber: number };
    expect(checkRow(def, person, { today }).problems).toEqual([]);
    const dayBefore = new Date('2026-11-27T04:00:00Z');
    expect(checkRow(def, person, { today: dayBefore }).problems.map((p) => `${p.field}:${p.code}`)).toContain(
      'certNumber:BIRTH_DATE',
    );
  });

  it('R-2.1 reads the date forms other systems export, dropping a time of day', () => {
    const forms = [
      '2026-9-1',
      '2026/09/01',
      '20260901',
      '2026年9月1日',
      '2026.9.1',
      '2026/9/1 0:00',
      '2026-09-01 23:59:59',
    ];
    for (const decisionDate of forms) {
      const { values, problems } = checkRow(def, { ...good(), decisionDate }, { today });
      expect(problems, decisionDate).toEqual([]);
      expect(values.decisionDate, decisionDate).toBe('2026-09-01');
    }
    for (const decisionDate of ['2026-09-01 24:00', '2026.9.31', '2026-9-1号', '01/09/2026']) {
      expect(codes({ ...good(), decisionDate }), decisionDate).toEqual(['decisionDate:DATE']);
    }
  });

  it('R-2.1 reads an amount written with its unit 万元, and refuses one in 元 rather than guess', () => {
    for (const fineAmount of ['5', '5万元', '5 万', '5.00']) {
      const { values, problems } = checkRow(def, { ...good(), penaltyCategory: '03', fineAmount }, { today });
      expect(problems, fineAmount).toEqual([]);
      expect(Number(values.fineAmount), fineAmount).toBe(5);
    }
    expect(codes({ ...good(), penaltyCategory: '03', fineAmount: '50000元' })).toEqual(['fineAmount:AMOUNT_UNIT']);
    expect(codes({ ...good(), penaltyCategory: '03', fineAmount: '五万元' })).toEqual(['fineAmount:NUMBER']);
  });

  it('R-2.1 rejects impossible dates, unknown codes, and decisions in the future', () => {
    expect(codes({ ...good(), decisionDate: '2026-02-30' })).toContain('decisionDate:DATE');
    // Reported once, as a date: not also as "in the future" or "before the decision".
    expect(codes({ ...good(), decisionDate: '2026-12-32' })).toEqual(['decisionDate:DATE']);
    expect(codes({ ...good(), penaltyCategory: '99' })).toContain('penaltyCategory:ENUM');
    expect(codes({ ...good(), decisionDate: '2026-12-01', publicUntil: '2027-12-01' })).toContain(
      'decisionDate:FUTURE_DATE',
    );
    // A decision after today is that one problem, not also "publicity ends before the decision".
    expect(codes({ ...good(), decisionDate: '2026-12-01', publicUntil: '2026-11-30' })).toEqual([
      'decisionDate:FUTURE_DATE',
    ]);
  });

  it('R-2.1 applies cross-field rules: a person needs a certificate, a fine needs an amount, dates in order', () => {
    const person = { ...good(), subjectCategory: '01', uscc: '', certType: '', certNumber: '' };
    expect(codes(person)).toEqual(expect.arrayContaining(['certType:REQUIRED', 'certNumber:REQUIRED']));
    expect(codes({ ...good(), fineAmount: '' })).toContain('fineAmount:REQUIRED');
    expect(codes({ ...good(), publicUntil: '2026-01-01' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/:DATE_ORDER$/)]),
    );
  });

  it('R-2.1 flags an amount that looks like yuan in a 万元 column and a text over its length', () => {
    expect(codes({ ...good(), fineAmount: '2000000' })).toContain('fineAmount:AMOUNT_UNIT');
    expect(codes({ ...good(), subjectName: '企'.repeat(201) })).toContain('subjectName:TOO_LONG');
  });
});

describe('header matching', () => {
  it('R-1.3.3 finds columns by standard name or alias in any order and reports extra columns', () => {
    const labels = def.fields.map((f) => f.label).reverse();
    labels[labels.indexOf('行政相对人名称')] = '当事人名称';
    const { columns, unknown, missingRequired } = matchHeaders(def, [...labels, '经办人']);
    expect(missingRequired).toEqual([]);
    expect(unknown).toEqual(['经办人']);
    expect(columns.get(labels.indexOf('当事人名称'))).toBe('subjectName');
  });

  it('R-1.3.3 finds a column whose header carries a note in brackets, or leaves out its label’s own', () => {
    const headers = [
      '行政相对人名称（必填）',
      '罚款金额',
      '处罚决定日期(YYYY-MM-DD)',
      '行政相对人代码_1',
      '经办人【内部】',
    ];
    const { columns, unknown } = matchHeaders(def, headers);
    expect([...columns.values()]).toEqual(['subjectName', 'fineAmount', 'decisionDate', 'uscc']);
    expect(unknown).toEqual(['经办人【内部】']);
    // The standard header with its own brackets still comes first.
    expect(matchHeaders(def, ['罚款金额（万元）']).columns.get(0)).toBe('fineAmount');
  });

  it('R-1.3.3 names the required columns a foreign sheet lacks', () => {
    expect(matchHeaders(def, ['姓名', '年龄']).missingRequired).toEqual(
      expect.arrayContaining(['行政相对人名称', '行政处罚决定书文号']),
    );
  });
});

describe('deduplication keys', () => {
  it('R-2.1 identifies a penalty by subject code and decision number, and its content by a fingerprint', () => {
    const a = checkRow(def, good(), { today }).values;
    const b = { ...a, penaltyContent: '另一内容' };
    expect(naturalKeyOf(def, a)).toBe(naturalKeyOf(def, b));
    expect(fingerprintOf(def, a)).not.toBe(fingerprintOf(def, b));
    expect(naturalKeyOf(def, { ...a, decisionNumber: '' })).toBeNull();
  });

  it("R-8.1 keeps a person's certificate number out of the stored key and fingerprint", () => {
    const idNumber = '41082319900101001X';
    const person = { ...good(), subjectCategory: '01', uscc: '', certType: '01', certNumber: idNumber };
    const key = naturalKeyOf(def, person)!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('1990');
    expect(key).not.toBe(naturalKeyOf(def, { ...person, certNumber: '410823199001010021' }));
    expect(fingerprintOf(def, person)).toMatch(/^[0-9a-f]{64}$/);
  });
});
