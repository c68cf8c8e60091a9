// The rules a draft version must satisfy before it is saved or published: what the import engine
// relies on without checking again — unique keys and headers, references between fields, code tables that
// exist, identifiers sealed. Pure, so the editor shows the same problems the server refuses.
import { certTypeFieldOf } from '../check-row';
import { matchHeaders } from '../headers';
import type { CatalogDef, FieldDef } from '../types';
import type { DraftInput } from './schemas';

export interface DraftProblem {
  /** Where: `fields.3.codeTable`, `naturalKey.0`, `rules.1`, `publicityRule`, … */
  path: string;
  message: string;
}

const IDENTIFIER_TYPES = new Set(['ID_NUMBER', 'CERT_NUMBER', 'PHONE']);
const FIXED_LENGTH: Partial<Record<string, number>> = { USCC: 18, ID_NUMBER: 18 };

export function validateDraft(draft: DraftInput, codeTables: ReadonlySet<string>): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const byKey = new Map<string, FieldDef>();
  draft.fields.forEach((f, i) => {
    if (byKey.has(f.key)) add(`fields.${i}.key`, `字段标识“${f.key}”重复`);
    byKey.set(f.key, f);
  });
  const fieldOf = (key: string) => byKey.get(key);
  const label = (key: string) => fieldOf(key)?.label ?? key;

  draft.fields.forEach((f, i) => {
    const at = (p: string) => `fields.${i}.${p}`;
    if (f.type === 'ENUM' && !f.codeTable) add(at('codeTable'), `“${f.label}”是代码字段，请选择数据字典`);
    if (f.codeTable && !codeTables.has(f.codeTable)) add(at('codeTable'), `数据字典“${f.codeTable}”不存在`);
    if (f.type !== 'ENUM' && f.codeTable) add(at('codeTable'), `只有代码字段可以关联数据字典（“${f.label}”）`);
    const fixed = FIXED_LENGTH[f.type];
    if (fixed && f.maxLength !== null && f.maxLength !== fixed) add(at('maxLength'), `“${f.label}”的长度应为${fixed}`);
    if (f.pattern) {
      try {
        new RegExp(f.pattern);
      } catch {
        add(at('pattern'), `“${f.label}”的校验正则表达式无效`);
      }
    }
    if (IDENTIFIER_TYPES.has(f.type) && !f.personal) add(at('personal'), `“${f.label}”含个人信息，须加密存储`);
    if (f.personal && f.visibility === 'PUBLIC') add(at('visibility'), `个人信息字段“${f.label}”不能设为公开`);
    if (f.type === 'CERT_NUMBER') {
      const certType = fieldOf(certTypeFieldOf(f.key));
      if (!certType || certType.type !== 'ENUM')
        add(at('type'), `“${f.label}”按证件类型校验，需要代码字段“${certTypeFieldOf(f.key)}”（证件类型）`);
    }
  });
  problems.push(...headerProblems(draft));

  if (draft.naturalKey.length === 0) add('naturalKey', '请设置唯一标识（去重依据）');
  draft.naturalKey.forEach((entry, i) => {
    for (const key of entry.split('|')) {
      if (!fieldOf(key)) add(`naturalKey.${i}`, `唯一标识引用了不存在的字段“${key}”`);
    }
  });

  draft.rules.forEach((rule, i) => {
    const refs =
      rule.kind === 'requiredWhen'
        ? [rule.field, rule.when.field]
        : rule.kind === 'dateOrder'
          ? [rule.before, rule.after]
          : [rule.field];
    const missing = refs.filter((k) => !fieldOf(k));
    if (missing.length) return add(`rules.${i}`, `规则引用了不存在的字段“${missing.join('”“')}”`);
    if (rule.kind === 'dateOrder' && refs.some((k) => fieldOf(k)!.type !== 'DATE'))
      add(`rules.${i}`, `日期先后规则只能用于日期字段（${refs.map(label).join('、')}）`);
    if (rule.kind === 'notFuture' && fieldOf(rule.field)!.type !== 'DATE')
      add(`rules.${i}`, `“${label(rule.field)}”不是日期字段`);
    if (rule.kind === 'dateOrder' && rule.before === rule.after) add(`rules.${i}`, '日期先后规则需要两个不同的字段');
  });

  // The import flags lateness from the record's decision date, which it reads from the `decisionDate` field.
  if (draft.timelinessWorkdays !== null && fieldOf('decisionDate')?.type !== 'DATE')
    add('timelinessWorkdays', '设置报送时限需要日期字段“decisionDate”（决定日期）');

  const rule = draft.publicityRule;
  if (rule?.kind === 'period') {
    for (const [prop, key] of [
      ['from', rule.from],
      ['untilField', rule.untilField],
    ] as const) {
      if (key && fieldOf(key)?.type !== 'DATE') add(`publicityRule.${prop}`, `公示期规则的“${key}”须为日期字段`);
    }
    if (rule.classField && fieldOf(rule.classField)?.type !== 'ENUM')
      add('publicityRule.classField', '公示期分级依据须为代码字段');
    const periods = [rule, ...Object.values(rule.classes ?? {})];
    if (periods.some((p) => p.maxMonths !== null && p.maxMonths < p.minMonths))
      add('publicityRule', '最长公示期不能短于最短公示期');
  }
  return problems;
}

/**
 * Every label and alias must lead the header matcher back to its own field, or a department's column would
 * silently land in another field. Checked with the import's own matcher.
 */
function headerProblems(draft: DraftInput): DraftProblem[] {
  const def = { fields: draft.fields } as unknown as CatalogDef;
  const problems: DraftProblem[] = [];
  draft.fields.forEach((f, i) => {
    for (const name of [f.label, ...f.aliases]) {
      const hit = matchHeaders(def, [name]).columns.get(0);
      if (hit !== f.key) {
        const other = draft.fields.find((o) => o.key === hit);
        problems.push({
          path: `fields.${i}.${name === f.label ? 'label' : 'aliases'}`,
          message: `表头“${name}”与字段“${other?.label ?? hit ?? '?'}”冲突，导入时无法区分`,
        });
      }
    }
  });
  return problems;
}
