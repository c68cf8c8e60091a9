// The version editor's form model: what an administrator types — comma-separated lists, empty
// numbers, 分级公示期 as text — becomes exactly the draft the server checks, and back.
import { describe, expect, it } from 'vitest';
import { toDraft, toForm } from '../../app/(staff)/admin/catalogs/[code]/v/[version]/draft-form';
import { draftSchema, type DraftInput } from '../../lib/catalog/admin/schemas';
import { validateDraft } from '../../lib/catalog/admin/validate-draft';
import { negativeCatalog, publicityRules } from '../../prisma/seed-data/catalogs-extra';
import { codeTables } from '../../prisma/seed-data/code-tables';
import { extraCodeTables } from '../../prisma/seed-data/code-tables-extra';

const negative: DraftInput = draftSchema.parse({
  fields: negativeCatalog.fields.map((f) => ({
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
  naturalKey: negativeCatalog.naturalKey,
  rules: negativeCatalog.rules,
  timelinessWorkdays: null,
  publicityRule: publicityRules.NEGATIVE,
  changeNote: '第一版',
});

describe('version editor form', () => {
  it('R-4.0 turns a version into the form and back without losing anything', () => {
    expect(toDraft(toForm(negative))).toEqual(negative);
  });

  it('R-4.0 reads lists typed with Chinese or ASCII separators and empty numbers as “none”', () => {
    const form = toForm(negative);
    form.fields[0] = { ...form.fields[0]!, aliases: '企业名称， 单位名称,当事人名称、被执行人名称', maxLength: '' };
    form.rules.push({ kind: 'requiredWhen', field: 'amount', other: 'negativeType', values: '01，02', message: '' });
    form.timelinessWorkdays = '7';
    const draft = toDraft(form);
    expect(draft.fields[0]!.aliases).toEqual(['企业名称', '单位名称', '当事人名称', '被执行人名称']);
    expect(draft.fields[0]!.maxLength).toBeNull();
    expect(draft.rules.at(-1)).toEqual({
      kind: 'requiredWhen',
      field: 'amount',
      when: { field: 'negativeType', in: ['01', '02'] },
    });
    expect(draft.timelinessWorkdays).toBe(7);
  });

  it('R-4.0 reads 分级公示期 as code:min-max, an empty maximum meaning no end', () => {
    const form = toForm(negative);
    form.publicity.classes = '1：0-3；2:3-12; 3:12-';
    const rule = toDraft(form).publicityRule;
    expect(rule?.kind === 'period' && rule.classes).toEqual({
      '1': { minMonths: 0, maxMonths: 3 },
      '2': { minMonths: 3, maxMonths: 12 },
      '3': { minMonths: 12, maxMonths: null },
    });
    form.publicity.kind = 'none';
    expect(toDraft(form).publicityRule).toEqual({ kind: 'none' });
  });

  it('R-4.0 drops the code table of a field that is no longer a code field, so the draft stays valid', () => {
    const form = toForm(negative);
    const i = form.fields.findIndex((f) => f.key === 'severity');
    form.fields[i] = { ...form.fields[i]!, type: 'TEXT' };
    form.publicity.classField = '';
    form.publicity.classes = '';
    const draft = toDraft(form);
    expect(draft.fields[i]!.codeTable).toBeNull();
    const tables = new Set([...codeTables, ...extraCodeTables].map((t) => t.code));
    expect(validateDraft(draftSchema.parse(draft), tables)).toEqual([]);
  });
});
