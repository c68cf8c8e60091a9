// Chinese names of the catalog vocabulary, shared by the administration screens, the entry form and
// the seed. Pure data: imported by server and client code alike.
import type { FieldType, Sensitivity } from '../types';

export const FIELD_TYPES = [
  'TEXT',
  'NUMBER',
  'AMOUNT_WAN',
  'DATE',
  'ENUM',
  'USCC',
  'ID_NUMBER',
  'CERT_NUMBER',
  'PHONE',
] as const satisfies readonly FieldType[];

export const FIELD_TYPE_LABEL: Record<FieldType, string> = {
  TEXT: '文本',
  NUMBER: '数值',
  AMOUNT_WAN: '金额（万元）',
  DATE: '日期',
  ENUM: '代码（字典）',
  USCC: '统一社会信用代码',
  ID_NUMBER: '身份证号',
  CERT_NUMBER: '证件号码（按证件类型）',
  PHONE: '电话号码',
};

export const SENSITIVITIES = [
  'PUBLIC',
  'SHARED',
  'RESTRICTED',
  'CONFIDENTIAL',
] as const satisfies readonly Sensitivity[];

export const SENSITIVITY_LABEL: Record<Sensitivity, string> = {
  PUBLIC: '公开',
  SHARED: '共享',
  RESTRICTED: '受限',
  CONFIDENTIAL: '机密',
};

export const CATALOG_CATEGORIES = ['BASIC', 'POSITIVE', 'NEGATIVE', 'COMMERCIAL', 'SOCIAL', 'PUBLIC'] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export const CATEGORY_LABEL: Record<CatalogCategory, string> = {
  BASIC: '基础信息',
  POSITIVE: '守信（正面）信息',
  NEGATIVE: '失信（负面）信息',
  COMMERCIAL: '商务信用',
  SOCIAL: '社会信用',
  PUBLIC: '政务公开信息',
};

export const SUBJECT_KINDS = ['ORG', 'PERSON'] as const;
export type SubjectKindCode = (typeof SUBJECT_KINDS)[number];

/** null: each row says what it is about (行政相对人类别). */
export function subjectKindLabel(kind: SubjectKindCode | null): string {
  return kind === 'ORG' ? '法人和非法人组织' : kind === 'PERSON' ? '自然人' : '按行政相对人类别';
}

export const VERSION_STATUS_LABEL: Record<string, string> = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
  RETIRED: '已停用',
};

export const RULE_KIND_LABEL: Record<string, string> = {
  requiredWhen: '条件必填',
  dateOrder: '日期先后',
  notFuture: '不晚于今天',
};
