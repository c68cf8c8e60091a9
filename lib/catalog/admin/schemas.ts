// Input of catalog administration, validated at the boundary: the catalog itself, and the content
// of a draft version (fields, natural key, cross-field rules, timeliness, publicity rule). What zod cannot
// see — references between fields, header ambiguity — is checked by ./validate-draft.ts.
import { z } from 'zod';
import { MAX_CATALOG_FIELDS } from '../row-values';
import { CATALOG_CATEGORIES, FIELD_TYPES, SENSITIVITIES, SUBJECT_KINDS } from './labels';

const fieldKey = z
  .string()
  .trim()
  .regex(/^[a-z][A-Za-z0-9]{0,39}$/, '字段标识须以小写字母开头，由字母和数字组成（最多40位）');
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .transform((v) => (v ? v : null));

export const catalogCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, '目录编码须以大写字母开头，由大写字母、数字和下划线组成（2–40位）');

const catalogFields = {
  name: text(100).min(1, '请输入目录名称'),
  subjectKind: z.enum(SUBJECT_KINDS).nullable(),
  category: z.enum(CATALOG_CATEGORIES),
  sensitivity: z.enum(SENSITIVITIES),
  description: optionalText(1000),
  providerDeptCodes: z.array(z.string().min(1).max(40)).max(200),
};

export const catalogCreateSchema = z.object({ code: catalogCodeSchema, ...catalogFields });
export const catalogUpdateSchema = z.object(catalogFields).partial();

const fieldSchema = z.object({
  key: fieldKey,
  label: text(100).min(1, '请输入字段名称'),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(10_000).nullable(),
  pattern: optionalText(200),
  codeTable: optionalText(64),
  note: optionalText(500),
  aliases: z.array(text(100).min(1)).max(50),
  personal: z.boolean(),
  visibility: z.enum(SENSITIVITIES),
});

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('requiredWhen'),
    field: fieldKey,
    when: z.object({ field: fieldKey, in: z.array(text(64).min(1)).min(1, '请填写触发取值').max(100) }),
  }),
  z.object({
    kind: z.literal('dateOrder'),
    before: fieldKey,
    after: fieldKey,
    message: text(200).min(1, '请填写提示信息'),
  }),
  z.object({ kind: z.literal('notFuture'), field: fieldKey }),
]);

const period = {
  minMonths: z.number().int().min(0).max(1200),
  maxMonths: z.number().int().min(0).max(1200).nullable(),
};

const publicityRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('period'),
    from: fieldKey,
    untilField: fieldKey.optional(),
    classField: fieldKey.optional(),
    classes: z.record(z.string().min(1).max(16), z.object(period)).optional(),
    ...period,
  }),
]);

export const draftSchema = z.object({
  fields: z.array(fieldSchema).min(1, '至少需要一个字段').max(MAX_CATALOG_FIELDS),
  naturalKey: z.array(z.string().trim().min(1).max(200)).max(10),
  rules: z.array(ruleSchema).max(100),
  timelinessWorkdays: z.number().int().min(1).max(365).nullable(),
  publicityRule: publicityRuleSchema.nullable(),
  changeNote: optionalText(500),
});

export const newVersionSchema = z.object({
  /** Copy this version's content; omitted: copy the latest published one, or start empty. */
  fromVersion: z.number().int().min(1).optional(),
});

export type CatalogCreate = z.infer<typeof catalogCreateSchema>;
export type CatalogUpdate = z.infer<typeof catalogUpdateSchema>;
export type FieldInput = z.infer<typeof fieldSchema>;
export type RuleInput = z.infer<typeof ruleSchema>;
export type DraftInput = z.infer<typeof draftSchema>;
