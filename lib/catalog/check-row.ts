// Format validation of one row against a catalog version. Pure: the same code runs in the import
// activity, in the fix screen's API and (for messages) in the browser, so a row means the same everywhere.
import { dayKeyOf } from '@/lib/calendar/workdays';
import { checkCertNumber, checkIdNumber, checkUscc, isPhoneNumber } from '@/lib/identifiers';
import type { CatalogDef, CodeTableDef, FieldDef, Problem, RowValues } from './types';

export interface CheckContext {
  today: Date;
}

export interface CheckedRow {
  values: RowValues;
  problems: Problem[];
}

// The forms departments' systems and spreadsheets write. A time of day after the date, as exports of datetime
// columns write it ("2026/9/1 0:00", "2026-09-01 00:00:00"), is dropped, as for an Excel date cell.
const TIME = String.raw`(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)?`;
const DATE_FORMS = [
  new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`),
  new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`),
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];
// Amounts are in 万元; a value this large is almost certainly yuan typed into a 万元 column.
const AMOUNT_WAN_SUSPICIOUS = 1_000_000;

export function checkRow(def: CatalogDef, raw: RowValues, ctx: CheckContext): CheckedRow {
  const values: RowValues = {};
  const problems: Problem[] = [];
  for (const field of def.fields) {
    const value = normaliseText(raw[field.key]);
    if (value === '') continue;
    const result = checkField(def, field, value, raw, ctx);
    if ('problem' in result) problems.push({ field: field.key, ...result.problem });
    values[field.key] = 'value' in result ? result.value : value;
  }
  for (const field of def.fields) {
    if (field.required && !values[field.key] && !problems.some((p) => p.field === field.key)) {
      problems.push({ field: field.key, code: 'REQUIRED', message: `${field.label}不能为空` });
    }
  }
  // A rule reads only values that passed their own check: an impossible date such as 2026-02-30 is reported once,
  // as a date, not again as "after today" or "before the decision".
  const failed = new Set(problems.map((p) => p.field));
  const sound: RowValues = {};
  for (const [k, v] of Object.entries(values)) if (!failed.has(k)) sound[k] = v;
  problems.push(...checkRules(def, sound, ctx, failed));
  return { values, problems };
}

type FieldResult = { value: string } | { value: string; problem: Omit<Problem, 'field'> };

function checkField(def: CatalogDef, field: FieldDef, value: string, raw: RowValues, ctx: CheckContext): FieldResult {
  // Code points never outnumber UTF-16 units: only a value long in units needs counting.
  if (field.maxLength && value.length > field.maxLength && [...value].length > field.maxLength) {
    return { value, problem: { code: 'TOO_LONG', message: `${field.label}超过${field.maxLength}个字符` } };
  }
  if (field.pattern && !patternOf(field.pattern).test(value)) {
    return { value, problem: { code: 'PATTERN', message: `${field.label}格式不正确` } };
  }
  switch (field.type) {
    case 'TEXT':
      return { value };
    case 'NUMBER':
    case 'AMOUNT_WAN':
      return checkNumber(field, value);
    case 'DATE':
      return checkDate(field, value);
    case 'ENUM':
      return checkEnum(def, field, value);
    case 'USCC':
      return fromIdentifier(field, checkUscc(value), value);
    case 'ID_NUMBER':
      return fromIdentifier(field, checkIdNumber(value, ctx), value);
    case 'CERT_NUMBER': {
      const certType = certTypeOf(def, field, raw);
      // A wrong type is the type field's problem: the number cannot be read against it.
      if (certType === null) return { value };
      return fromIdentifier(field, checkCertNumber(certType, value, ctx), value);
    }
    case 'PHONE':
      return isPhoneNumber(value)
        ? { value }
        : { value, problem: { code: 'PHONE', message: `${field.label}不是有效的电话号码` } };
  }
}

function fromIdentifier(
  field: FieldDef,
  result: { ok: true; normalized: string } | { ok: false; code: string; message: string },
  value: string,
): FieldResult {
  if (result.ok) return { value: result.normalized };
  return { value, problem: { code: result.code, message: `${field.label}：${result.message}` } };
}

/** certNumber ↔ certType, legalRepIdNumber ↔ legalRepCertType: the certificate kind lives next to the number. */
export function certTypeFieldOf(key: string): string {
  return key.replace(/(IdNumber|Number)$/, 'CertType').replace(/^certCertType$/, 'certType');
}

/**
 * The code of the certificate type a number is read against, as its field would store it (the field may hold
 * "01 身份证", "01" or "身份证"); '01' (身份证) when the row or the catalog gives none; null when the row's type
 * is not in its code table.
 */
function certTypeOf(def: CatalogDef, field: FieldDef, raw: RowValues): string | null {
  const key = certTypeFieldOf(field.key);
  const text = normaliseText(raw[key]);
  if (!text) return '01';
  const typeField = fieldsByKey(def).get(key);
  if (typeField?.type !== 'ENUM') return text.slice(0, 2);
  const result = checkEnum(def, typeField, text);
  return 'problem' in result ? null : result.value;
}

const fieldMaps = new WeakMap<CatalogDef['fields'], Map<string, FieldDef>>();
function fieldsByKey(def: CatalogDef): Map<string, FieldDef> {
  let map = fieldMaps.get(def.fields);
  if (!map) fieldMaps.set(def.fields, (map = new Map(def.fields.map((f) => [f.key, f]))));
  return map;
}

function checkNumber(field: FieldDef, value: string): FieldResult {
  let cleaned = value.replace(/,/g, '');
  if (field.type === 'AMOUNT_WAN') {
    // "5万元" or "5万" in a column of 万元 is 5; "50000元" is in the wrong unit, and a guess would be a risk.
    cleaned = cleaned.replace(/\s*万元?$/, '');
    if (/^-?[\d.]+\s*元$/.test(cleaned)) {
      return { value, problem: { code: 'AMOUNT_UNIT', message: `${field.label}以万元为单位，请换算后填写数字` } };
    }
  }
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) {
    return { value, problem: { code: 'NUMBER', message: `${field.label}不是有效的数字` } };
  }
  const n = Number(cleaned);
  if (field.type === 'AMOUNT_WAN') {
    if (n < 0) return { value, problem: { code: 'NEGATIVE', message: `${field.label}不能为负数` } };
    if (n >= AMOUNT_WAN_SUSPICIOUS) {
      return {
        value: cleaned,
        problem: { code: 'AMOUNT_UNIT', message: `${field.label}数值过大，请确认单位是否为万元` },
      };
    }
  }
  return { value: cleaned };
}

function checkDate(field: FieldDef, value: string): FieldResult {
  for (const form of DATE_FORMS) {
    const m = form.exec(value);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900) {
      return { value: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
    }
    break;
  }
  return { value, problem: { code: 'DATE', message: `${field.label}不是有效日期（应为YYYY-MM-DD）` } };
}

function checkEnum(def: CatalogDef, field: FieldDef, value: string): FieldResult {
  const table = field.codeTable ? def.codeTables[field.codeTable] : undefined;
  if (!table) return { value };
  const code = codeOf(table, value);
  if (code !== undefined) return { value: code };
  return { value, problem: { code: 'ENUM', message: `${field.label}的值“${value}”不在代码表“${table.name}”中` } };
}

// "其他-补办", "其他（按日罚款）": the national template asks for 其他 followed by what it is. Not "、" or ";", which
// join several items ("没收违法所得、没收非法财物"): those stay a question for the provider.
const QUALIFIED = /^([^\s\-—–:(]+?)\s*[-—–:(]/;

/**
 * The code a cell means in a code table, or undefined. Templates write "01 自然人"; people and other systems also
 * write just the code or just the label, an alias (the label or code another edition of the table gives the
 * item: 法人 or 03 for 02 法人及非法人组织), a code followed by a space and anything, or a label followed by its
 * qualification ("其他-补办"). A label followed by other words is not guessed at.
 */
export function codeOf(table: CodeTableDef, text: string): string | undefined {
  const { byText, byCode } = lookupOf(table);
  const value = normaliseText(text);
  const hit = byText.get(value) ?? byCode.get(value.split(/\s+/)[0]!);
  if (hit !== undefined) return hit;
  const qualified = QUALIFIED.exec(value);
  return qualified ? byText.get(qualified[1]!) : undefined;
}

// Built once per code table: an import checks a million cells against a few.
interface CodeLookup {
  /** Every way to write an item whole. */
  byText: Map<string, string>;
  /** Codes, and aliases that are codes: what may lead a cell followed by words. */
  byCode: Map<string, string>;
}
const lookups = new WeakMap<CodeTableDef, CodeLookup>();
function lookupOf(table: CodeTableDef): CodeLookup {
  let lookup = lookups.get(table);
  if (!lookup) {
    const { byText, byCode } = (lookup = { byText: new Map<string, string>(), byCode: new Map<string, string>() });
    // Keys as a cell is read (normaliseText): a label written with full-width brackets matches its cell. An
    // item's own code and label win over any alias; among equals the first item wins, in the table's order.
    const set = (text: string, code: string) => byText.set(normaliseText(text), code);
    const items = [...table.items].reverse();
    for (const i of items) {
      for (const a of i.aliases ?? []) {
        set(a, i.code);
        if (/^[0-9A-Za-z]+$/.test(a)) byCode.set(a, i.code);
      }
    }
    for (const i of items) {
      set(`${i.code} ${i.label}`, i.code);
      set(i.label, i.code);
      set(i.code, i.code);
      byCode.set(i.code, i.code);
    }
    lookups.set(table, lookup);
  }
  return lookup;
}

function checkRules(def: CatalogDef, values: RowValues, ctx: CheckContext, failed: Set<string | null>): Problem[] {
  const problems: Problem[] = [];
  const label = (key: string) => fieldsByKey(def).get(key)?.label ?? key;
  // A date after today is reported as such, not again as out of order with the dates that follow it.
  const future = new Set<string>();
  for (const rule of def.rules) {
    if (rule.kind !== 'notFuture') continue;
    const v = values[rule.field];
    if (isIsoDate(v) && v > dayKeyOf(ctx.today)) {
      future.add(rule.field);
      problems.push({ field: rule.field, code: 'FUTURE_DATE', message: `${label(rule.field)}不能晚于今天` });
    }
  }
  for (const rule of def.rules) {
    if (rule.kind === 'requiredWhen') {
      // A value that failed its own check is there, only wrong: reported once, not again as missing.
      const trigger = values[rule.when.field];
      if (trigger && rule.when.in.includes(trigger) && !values[rule.field] && !failed.has(rule.field)) {
        problems.push({ field: rule.field, code: 'REQUIRED', message: `${label(rule.field)}不能为空` });
      }
    } else if (rule.kind === 'dateOrder') {
      const a = values[rule.before];
      const b = values[rule.after];
      if (isIsoDate(a) && isIsoDate(b) && a > b && !future.has(rule.before)) {
        problems.push({ field: rule.after, code: 'DATE_ORDER', message: rule.message });
      }
    }
  }
  return problems;
}

function isIsoDate(v: string | undefined): v is string {
  return !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
}

// An import checks a million rows against one pattern set and one day: compile and format each once.
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
}

const WIDE = /[\u3000\uFF01-\uFF5E]/;

/** Trim, collapse inner whitespace runs at the ends, turn full-width ASCII into half-width. */
function normaliseText(v: string | undefined | null): string {
  if (v == null) return '';
  const text = String(v);
  if (!WIDE.test(text)) return text.trim(); // most cells: nothing to convert
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}
