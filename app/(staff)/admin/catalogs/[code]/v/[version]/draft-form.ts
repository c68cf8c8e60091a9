// The editor's form model of a draft version and its conversion to and from DraftInput. Form inputs are
// text: lists are typed comma-separated, numbers may be left empty; the conversion is the one place that
// knows how, so what is saved is exactly what the zod schema and validateDraft check.
import type { PublicityRule } from '@/lib/catalog/admin/publicity';
import type { DraftInput, FieldInput, RuleInput } from '@/lib/catalog/admin/schemas';

interface FieldRow {
  key: string;
  label: string;
  type: FieldInput['type'];
  required: boolean;
  maxLength: string;
  pattern: string;
  codeTable: string;
  note: string;
  aliases: string;
  personal: boolean;
  visibility: FieldInput['visibility'];
}

interface RuleRow {
  kind: RuleInput['kind'];
  /** requiredWhen: the required field; dateOrder: the earlier date; notFuture: the date. */
  field: string;
  /** requiredWhen: the condition field; dateOrder: the later date. */
  other: string;
  /** requiredWhen: the condition codes, comma-separated. */
  values: string;
  message: string;
}

export interface DraftForm {
  fields: FieldRow[];
  naturalKey: { value: string }[];
  rules: RuleRow[];
  timelinessWorkdays: string;
  publicity: {
    kind: '' | 'none' | 'period';
    from: string;
    minMonths: string;
    maxMonths: string;
    untilField: string;
    classField: string;
    /** `1:0-3；2:3-12；3:12-36` (代码:最短-最长, months; an empty maximum means no end). */
    classes: string;
  };
  changeNote: string;
}

export const newField = (): FieldRow => ({
  key: '',
  label: '',
  type: 'TEXT',
  required: false,
  maxLength: '',
  pattern: '',
  codeTable: '',
  note: '',
  aliases: '',
  personal: false,
  visibility: 'PUBLIC',
});

export const newRule = (): RuleRow => ({ kind: 'notFuture', field: '', other: '', values: '', message: '' });

const list = (s: string) =>
  s
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string) => (s.trim() === '' ? null : Number(s));
const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function toForm(d: DraftInput): DraftForm {
  const p = d.publicityRule;
  return {
    fields: d.fields.map((f) => ({
      ...f,
      maxLength: f.maxLength === null ? '' : String(f.maxLength),
      pattern: f.pattern ?? '',
      codeTable: f.codeTable ?? '',
      note: f.note ?? '',
      aliases: f.aliases.join('，'),
    })),
    naturalKey: d.naturalKey.map((value) => ({ value })),
    rules: d.rules.map((r) =>
      r.kind === 'requiredWhen'
        ? { kind: r.kind, field: r.field, other: r.when.field, values: r.when.in.join('，'), message: '' }
        : r.kind === 'dateOrder'
          ? { kind: r.kind, field: r.before, other: r.after, values: '', message: r.message }
          : { kind: r.kind, field: r.field, other: '', values: '', message: '' },
    ),
    timelinessWorkdays: d.timelinessWorkdays === null ? '' : String(d.timelinessWorkdays),
    publicity: {
      kind: p?.kind ?? '',
      from: p?.kind === 'period' ? p.from : '',
      minMonths: p?.kind === 'period' ? String(p.minMonths) : '',
      maxMonths: p?.kind === 'period' && p.maxMonths !== null ? String(p.maxMonths) : '',
      untilField: p?.kind === 'period' ? (p.untilField ?? '') : '',
      classField: p?.kind === 'period' ? (p.classField ?? '') : '',
      classes:
        p?.kind === 'period' && p.classes
          ? Object.entries(p.classes)
              .map(([c, x]) => `${c}:${x.minMonths}-${x.maxMonths ?? ''}`)
              .join('；')
          : '',
    },
    changeNote: d.changeNote ?? '',
  };
}

export function toDraft(f: DraftForm): DraftInput {
  return {
    fields: f.fields.map((x) => ({
      key: x.key.trim(),
      label: x.label.trim(),
      type: x.type,
      required: x.required,
      maxLength: num(x.maxLength),
      pattern: x.pattern.trim() || null,
      codeTable: x.type === 'ENUM' ? x.codeTable || null : null,
      note: x.note.trim() || null,
      aliases: list(x.aliases),
      personal: x.personal,
      visibility: x.visibility,
    })),
    naturalKey: f.naturalKey.map((k) => k.value.replace(/\s/g, '')).filter(Boolean),
    rules: f.rules.map((r): RuleInput => {
      if (r.kind === 'requiredWhen')
        return { kind: r.kind, field: r.field, when: { field: r.other, in: list(r.values) } };
      if (r.kind === 'dateOrder') return { kind: r.kind, before: r.field, after: r.other, message: r.message.trim() };
      return { kind: r.kind, field: r.field };
    }),
    timelinessWorkdays: num(f.timelinessWorkdays),
    publicityRule: publicityOf(f.publicity),
    changeNote: f.changeNote.trim() || null,
  };
}

function publicityOf(p: DraftForm['publicity']): PublicityRule | null {
  if (p.kind === '') return null;
  if (p.kind === 'none') return { kind: 'none' };
  const classes = Object.fromEntries(
    p.classes
      .split(/[;；]/)
      .map((s) => /^\s*([^:：\s]+)\s*[:：]\s*(\d+)\s*-\s*(\d*)\s*$/.exec(s))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, { minMonths: Number(m[2]), maxMonths: m[3] ? Number(m[3]) : null }]),
  );
  return {
    kind: 'period',
    from: p.from,
    minMonths: num(p.minMonths) ?? 0,
    maxMonths: num(p.maxMonths),
    untilField: opt(p.untilField),
    classField: opt(p.classField),
    classes: Object.keys(classes).length ? classes : undefined,
  };
}
