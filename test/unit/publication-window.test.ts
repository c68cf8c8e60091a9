// The publicity window (公示期) and the publication rule as pure logic: the 国办发〔2025〕22号 classes with the
// boundary dates of docs/rules.md, the earlier end a record's own date sets, the rule's reasons for
// hiding a record on a given day, and masking for public pages.
import { describe, expect, it } from 'vitest';
import { addMonths, publicityWindow } from '../../lib/catalog/admin/publicity';
import { maskIdentifierPublic, maskNamePublic } from '../../lib/crypto/mask';
import { publicValues } from '../../lib/publication/public-values';
import { hiddenReasons, publicationDay, type PublicationFacts } from '../../lib/publication/rule';
import { negativeCatalog, publicityRules } from '../../prisma/seed-data/catalogs-extra';
import { defFromSeed } from '../support/seed-def';

const rule = publicityRules.NEGATIVE!;
const windowOf = (severity: string, decisionDate: string, extra: Record<string, string> = {}) =>
  publicityWindow(rule, { severity, decisionDate, ...extra });

describe('publicity window of 失信信息 by severity class (22号)', () => {
  it('一般 decided 2026-01-10: repairable from 2026-04-10, last shown 2027-01-10', () => {
    expect(windowOf('2', '2026-01-10')).toEqual({ start: '2026-01-10', minEnd: '2026-04-10', end: '2027-01-10' });
  });

  it('严重 decided 2026-01-10: repairable from 2027-01-10, last shown 2029-01-10', () => {
    expect(windowOf('3', '2026-01-10')).toEqual({ start: '2026-01-10', minEnd: '2027-01-10', end: '2029-01-10' });
  });

  it('轻微: shown at most 3 months', () => {
    expect(windowOf('1', '2026-01-10')).toEqual({ start: '2026-01-10', minEnd: '2026-01-10', end: '2026-04-10' });
  });

  it('an unknown class falls back to the catalog default period', () => {
    expect(windowOf('9', '2026-01-10')?.end).toBe('2027-01-10');
  });

  it('a 移出日期 before the maximum ends publicity then; one after it does not extend it', () => {
    expect(windowOf('3', '2026-01-10', { removedDate: '2026-06-30' })?.end).toBe('2026-06-30');
    expect(windowOf('2', '2026-01-10', { removedDate: '2028-01-01' })?.end).toBe('2027-01-10');
  });

  it('a month end clamps to the shorter month, leap years included', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(windowOf('1', '2025-11-30')?.end).toBe('2026-02-28');
  });

  it('no window without the start date, or under a rule that never publishes', () => {
    expect(windowOf('2', '')).toBeNull();
    expect(publicityWindow({ kind: 'none' }, { decisionDate: '2026-01-10' })).toBeNull();
    expect(publicityWindow(null, { decisionDate: '2026-01-10' })).toBeNull();
  });

  it('a licence has no automatic end unless its validity ends', () => {
    const licence = publicityRules.ADMIN_LICENSE!;
    expect(publicityWindow(licence, { decisionDate: '2026-03-01' })?.end).toBeNull();
    expect(publicityWindow(licence, { decisionDate: '2026-03-01', validTo: '2031-02-28' })?.end).toBe('2031-02-28');
  });
});

describe('the publication rule on a given day', () => {
  const facts: PublicationFacts = {
    catalogSensitivity: 'PUBLIC',
    subjectRestricted: false,
    publicityStart: '2026-01-10',
    publicityEnd: '2027-01-10',
  };

  it('shows a record from its start through its 公示截止日, and hides it the day after', () => {
    expect(hiddenReasons(facts, '2026-01-09')).toEqual(['BEFORE_WINDOW']);
    expect(hiddenReasons(facts, '2026-01-10')).toEqual([]);
    expect(hiddenReasons(facts, '2027-01-10')).toEqual([]);
    expect(hiddenReasons(facts, '2027-01-11')).toEqual(['AFTER_WINDOW']);
  });

  it('gives every reason a record is hidden', () => {
    expect(hiddenReasons({ ...facts, catalogSensitivity: 'SHARED' }, '2026-06-01')).toEqual(['CATALOG_NOT_PUBLIC']);
    expect(hiddenReasons({ ...facts, subjectRestricted: true }, '2026-06-01')).toEqual(['SUBJECT_RESTRICTED']);
    expect(hiddenReasons({ ...facts, publicityStart: null }, '2026-06-01')).toEqual(['NOT_PUBLISHED']);
    expect(hiddenReasons({ ...facts, withdrawnAt: new Date() }, '2026-06-01')).toEqual(['WITHDRAWN']);
    expect(hiddenReasons({ ...facts, repairedAt: new Date() }, '2026-06-01')).toEqual(['REPAIRED']);
  });

  it('takes @db.Date values as Prisma returns them', () => {
    const asDates = { ...facts, publicityEnd: new Date('2027-01-10T00:00:00Z') };
    expect(hiddenReasons(asDates, '2027-01-10')).toEqual([]);
    expect(hiddenReasons(asDates, '2027-01-11')).toEqual(['AFTER_WINDOW']);
  });

  it('counts days in Beijing time: 16:00 UTC is already the next day', () => {
    expect(publicationDay(new Date('2027-01-10T15:59:59Z'))).toBe('2027-01-10');
    expect(publicationDay(new Date('2027-01-10T16:00:00Z'))).toBe('2027-01-11');
  });
});

describe('masking on public pages', () => {
  it('masks a person name 张*三 style', () => {
    expect(maskNamePublic('张三')).toBe('张*');
    expect(maskNamePublic('张小三')).toBe('张*三');
    expect(maskNamePublic('欧阳小明')).toBe('欧**明');
  });

  it('never shows an identifier in full', () => {
    expect(maskIdentifierPublic('41082319900101001X')).toBe(`4${'*'.repeat(16)}X`);
    expect(maskIdentifierPublic('1234')).toBe('****');
  });

  it('shows only public fields, with personal values masked and a person subject name masked', () => {
    const def = defFromSeed(negativeCatalog);
    const values = {
      subjectName: '王小明',
      subjectCategory: '01',
      certType: '01',
      certNumber: '41082319900101001X',
      legalRepName: '李四',
      legalRepIdNumber: '410823199001010011',
      facts: '拖欠工资',
    };
    const shown = publicValues(def.fields, values, 'PERSON');
    expect(shown.subjectName).toBe('王*明');
    expect(shown.legalRepName).toBe('李*');
    expect(shown.facts).toBe('拖欠工资');
    expect(shown).not.toHaveProperty('certNumber');
    expect(shown).not.toHaveProperty('legalRepIdNumber');
    expect(JSON.stringify(shown)).not.toContain('41082319900101001X');
    expect(publicValues(def.fields, { subjectName: '武陟县某某公司' }, 'ORG').subjectName).toBe('武陟县某某公司');
  });
});
