// Catalog administration rules without a database: what a draft must satisfy before it is saved or
// published, the built-in catalogs, and the publicity-period rules (公示期).
import { describe, expect, it } from 'vitest';
import { checkRow } from '../../lib/catalog/check-row';
import { addMonths, publicityWindow, type PublicityRule } from '../../lib/catalog/admin/publicity';
import { draftSchema, type DraftInput, type FieldInput } from '../../lib/catalog/admin/schemas';
import { validateDraft } from '../../lib/catalog/admin/validate-draft';
import type { CatalogDef } from '../../lib/catalog/types';
import { makeUscc } from '../../lib/identifiers/uscc';
import { catalogs } from '../../prisma/seed-data/catalogs';
import { extraCatalogs, publicityRules, type ExtraCatalog } from '../../prisma/seed-data/catalogs-extra';
import { codeTables } from '../../prisma/seed-data/code-tables';
import { extraCodeTables } from '../../prisma/seed-data/code-tables-extra';

const allTables = [...codeTables, ...extraCodeTables];
const tableCodes = new Set(allTables.map((t) => t.code));
const builtins: ExtraCatalog[] = [...catalogs, ...extraCatalogs];

function draftOf(c: ExtraCatalog): DraftInput {
  return {
    fields: c.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
      maxLength: f.maxLength ?? null,
      pattern: f.pattern ?? null,
      codeTable: f.codeTable ?? null,
      note: f.note ?? null,
      aliases: f.aliases ?? [],
      personal: f.personal ?? false,
      visibility: f.visibility ?? 'PUBLIC',
    })),
    naturalKey: c.naturalKey,
    rules: c.rules,
    timelinessWorkdays: c.timelinessWorkdays,
    publicityRule: publicityRules[c.code] ?? null,
    changeNote: null,
  };
}

function defOf(c: ExtraCatalog): CatalogDef {
  const d = draftOf(c);
  return {
    catalogId: c.code,
    versionId: `${c.code}-1`,
    code: c.code,
    name: c.name,
    version: 1,
    naturalKey: d.naturalKey,
    rules: d.rules,
    timelinessWorkdays: d.timelinessWorkdays,
    publicityRule: d.publicityRule,
    fields: d.fields,
    codeTables: Object.fromEntries(allTables.map((t) => [t.code, t])),
  };
}

const field = (over: Partial<FieldInput> & { key: string }): FieldInput => ({
  label: over.key,
  type: 'TEXT',
  required: false,
  maxLength: null,
  pattern: null,
  codeTable: null,
  note: null,
  aliases: [],
  personal: false,
  visibility: 'PUBLIC',
  ...over,
});

const draft = (fields: FieldInput[], over: Partial<DraftInput> = {}): DraftInput => ({
  fields,
  naturalKey: [fields[0]!.key],
  rules: [],
  timelinessWorkdays: null,
  publicityRule: null,
  changeNote: null,
  ...over,
});

const messages = (d: DraftInput) => validateDraft(d, tableCodes).map((p) => `${p.path}: ${p.message}`);

describe('built-in catalogs', () => {
  it('R-4.0 R-1.2 define all eight built-in catalogs, each a valid draft with a natural key and a publicity rule', () => {
    expect(builtins.map((c) => c.code)).toEqual([
      'ADMIN_PENALTY',
      'ADMIN_LICENSE',
      'ORG_BASIC',
      'LEGAL_REP',
      'PERSON_BASIC',
      'POSITIVE',
      'NEGATIVE',
      'KEY_GROUP',
    ]);
    for (const c of builtins) {
      expect(draftSchema.safeParse(draftOf(c)).success, c.code).toBe(true);
      expect(messages(draftOf(c)), c.code).toEqual([]);
      expect(publicityRules[c.code], c.code).toBeDefined();
    }
  });

  it('R-4.0 R-2.1 checks rows of the new catalogs with the same engine: code tables, patterns, conditional fields', () => {
    const positive = defOf(extraCatalogs.find((c) => c.code === 'POSITIVE')!);
    const taxOffice = makeUscc('11410823', 'MB190411');
    const row = {
      subjectName: '武陟县示范企业有限公司',
      subjectCategory: '02',
      uscc: makeUscc('91410823', 'MA9F4KXJ'),
      positiveType: '纳税信用A级纳税人',
      title: '2025年度纳税信用A级纳税人',
      evaluationYear: '2025',
      decisionNumber: '焦税公告〔2026〕3号',
      decisionDate: '2026-04-01',
      authority: '国家税务总局武陟县税务局',
      authorityUscc: taxOffice,
      sourceUnit: '国家税务总局武陟县税务局',
      sourceUnitUscc: taxOffice,
    };
    const ok = checkRow(positive, row, { today: new Date('2026-11-28') });
    expect(ok.problems).toEqual([]);
    expect(ok.values.positiveType).toBe('01'); // the label was entered; the code is stored
    const bad = checkRow(
      positive,
      { ...row, evaluationYear: '', positiveType: '01' },
      { today: new Date('2026-11-28') },
    );
    expect(bad.problems.map((p) => p.message)).toContain('评价年度不能为空');
    const pattern = checkRow(positive, { ...row, evaluationYear: '25' }, { today: new Date('2026-11-28') });
    expect(pattern.problems.map((p) => p.message)).toContain('评价年度格式不正确');

    const negative = defOf(extraCatalogs.find((c) => c.code === 'NEGATIVE')!);
    const missing = checkRow(negative, { subjectName: '某公司', subjectCategory: '02' }, { today: new Date() });
    expect(missing.problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['uscc', 'negativeType', 'severity', 'facts', 'decisionDate']),
    );
  });
});

describe('draft rules', () => {
  it('R-4.0 refuses duplicate field keys and headers the import could not tell apart', () => {
    const d = draft([field({ key: 'a', label: '名称' }), field({ key: 'a', label: '名称二' })]);
    expect(messages(d)).toContain('fields.1.key: 字段标识“a”重复');
    const clash = draft([field({ key: 'a', label: '名称' }), field({ key: 'b', label: '简称', aliases: ['名称'] })]);
    expect(messages(clash).join()).toContain('表头“名称”与字段');
  });

  it('R-4.0 wants code fields tied to an existing code table, and only code fields', () => {
    const d = draft([
      field({ key: 'a' }),
      field({ key: 'kind', type: 'ENUM' }),
      field({ key: 'other', type: 'ENUM', codeTable: 'no_such_table' }),
      field({ key: 'plain', codeTable: 'cert_type' }),
    ]);
    const m = messages(d).join('\n');
    expect(m).toContain('fields.1.codeTable: “kind”是代码字段，请选择数据字典');
    expect(m).toContain('fields.2.codeTable: 数据字典“no_such_table”不存在');
    expect(m).toContain('fields.3.codeTable: 只有代码字段可以关联数据字典');
  });

  it('R-4.0 R-8.1 keeps identifiers sealed and never public, and a certificate number next to its certificate type', () => {
    const d = draft([
      field({ key: 'name' }),
      field({ key: 'idNumber', type: 'ID_NUMBER' }),
      field({ key: 'phone', type: 'PHONE', personal: true }),
      field({ key: 'certNumber', type: 'CERT_NUMBER', personal: true, visibility: 'RESTRICTED' }),
    ]);
    const m = messages(d).join('\n');
    expect(m).toContain('fields.1.personal: “idNumber”含个人信息，须加密存储');
    expect(m).toContain('fields.2.visibility: 个人信息字段“phone”不能设为公开');
    expect(m).toContain('需要代码字段“certType”（证件类型）');
  });

  it('R-4.0 R-2.1 checks the natural key, the cross-field rules, the timeliness date and the publicity rule', () => {
    const d = draft([field({ key: 'name' }), field({ key: 'when', type: 'DATE' }), field({ key: 'kind' })], {
      naturalKey: ['name|ghost'],
      rules: [
        { kind: 'dateOrder', before: 'when', after: 'name', message: 'x' },
        { kind: 'notFuture', field: 'missing' },
        { kind: 'requiredWhen', field: 'when', when: { field: 'kind', in: ['1'] } },
      ],
      timelinessWorkdays: 7,
      publicityRule: { kind: 'period', from: 'name', minMonths: 12, maxMonths: 3 },
    });
    const m = messages(d).join('\n');
    expect(m).toContain('naturalKey.0: 唯一标识引用了不存在的字段“ghost”');
    expect(m).toContain('rules.0: 日期先后规则只能用于日期字段');
    expect(m).toContain('rules.1: 规则引用了不存在的字段“missing”');
    expect(m).not.toContain('rules.2');
    expect(m).toContain('timelinessWorkdays: 设置报送时限需要日期字段“decisionDate”');
    expect(m).toContain('publicityRule.from: 公示期规则的“name”须为日期字段');
    expect(m).toContain('publicityRule: 最长公示期不能短于最短公示期');
    expect(messages(draft([field({ key: 'a' })], { naturalKey: [] }))).toContain(
      'naturalKey: 请设置唯一标识（去重依据）',
    );
  });

  it('R-4.0 refuses a validation pattern that is not a regular expression, and a wrong identifier length', () => {
    const d = draft([field({ key: 'a', pattern: '([0-9' }), field({ key: 'code', type: 'USCC', maxLength: 20 })]);
    const m = messages(d).join('\n');
    expect(m).toContain('fields.0.pattern: “a”的校验正则表达式无效');
    expect(m).toContain('fields.1.maxLength: “code”的长度应为18');
  });

  it('R-4.0 accepts field keys as identifiers only', () => {
    expect(draftSchema.safeParse(draft([field({ key: 'Bad-Key' })])).success).toBe(false);
    expect(draftSchema.safeParse(draft([field({ key: 'decisionDate' })])).success).toBe(true);
  });
});

describe('publicity periods (公示期)', () => {
  const negative = publicityRules.NEGATIVE!;

  it('computes 一般 and 严重 windows from the decision date, as 国办发〔2025〕22号 sets them', () => {
    expect(publicityWindow(negative, { decisionDate: '2026-01-10', severity: '2' })).toEqual({
      start: '2026-01-10',
      minEnd: '2026-04-10',
      end: '2027-01-10',
    });
    expect(publicityWindow(negative, { decisionDate: '2026-01-10', severity: '3' })).toEqual({
      start: '2026-01-10',
      minEnd: '2027-01-10',
      end: '2029-01-10',
    });
    expect(publicityWindow(negative, { decisionDate: '2026-01-10', severity: '1' })?.end).toBe('2026-04-10');
  });

  it('ends publicity at an earlier 移出日期 or 公示截止期, never later than the maximum', () => {
    const removed = publicityWindow(negative, { decisionDate: '2026-01-10', severity: '3', removedDate: '2027-06-01' });
    expect(removed?.end).toBe('2027-06-01');
    const penalty = publicityRules.ADMIN_PENALTY!;
    expect(publicityWindow(penalty, { decisionDate: '2026-01-10', publicUntil: '2030-01-01' })?.end).toBe('2027-01-10');
  });

  it('does not publish basic or personal information, nor a record without its start date', () => {
    expect(publicityWindow(publicityRules.PERSON_BASIC!, { birthDate: '1990-01-01' })).toBeNull();
    expect(publicityWindow(negative, { severity: '2' })).toBeNull();
    const open: PublicityRule = { kind: 'period', from: 'd', minMonths: 0, maxMonths: null };
    expect(publicityWindow(open, { d: '2026-01-10' })).toEqual({
      start: '2026-01-10',
      minEnd: '2026-01-10',
      end: null,
    });
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-15', 36)).toBe('2029-05-15');
  });
});
