// The transform library of exchange flows (R-4.1): declarative steps, each a small pure function of one value.
// A flow's configuration names steps and their parameters; nothing in it is ever evaluated as code, so an
// administrator (or a tampered configuration) can reshape values but never run anything on the server.
// The table of steps is in docs/exchange.md.
import { z } from 'zod';
import { upgradeIdNumber15 } from '@/lib/identifiers/id-number';

export const stepSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('trim') }),
  // Reads the listed input formats in order (tokens YYYY, YY, MM, M, DD, D; other characters literal) → YYYY-MM-DD.
  z.object({ op: z.literal('date'), formats: z.array(z.string().min(1).max(40)).min(1).max(10) }),
  // 元 → 万元 (divide by 10,000) or 万元 → 元, exact on the decimal string (no binary floating point).
  z.object({ op: z.literal('money'), from: z.enum(['元', '万元']), to: z.enum(['元', '万元']) }),
  z.object({ op: z.literal('idNumber18') }),
  z.object({ op: z.literal('width'), to: z.enum(['half', 'full']) }),
  // Part `index` of the value split at `separator`.
  z.object({ op: z.literal('split'), separator: z.string().min(1).max(10), index: z.number().int().min(0).max(99) }),
  // Several source columns joined (the field's `sources`); as a step: only the separator.
  z.object({ op: z.literal('join'), separator: z.string().max(10) }),
  z.object({ op: z.literal('constant'), value: z.string().max(2000) }),
  // Value mapping through a code table: a code, a label or an alias of an item → its code.
  z.object({
    op: z.literal('lookup'),
    table: z.string().min(1).max(64),
    fallback: z.enum(['error', 'keep']).default('error'),
  }),
]);

export type Step = z.infer<typeof stepSchema>;
export const chainSchema = z.array(stepSchema).max(20);
export type Chain = z.infer<typeof chainSchema>;

/** Code tables for `lookup`: table code → (code, label or alias) → code. */
export type CodeTables = Map<string, Map<string, string>>;

export class TransformError extends Error {}

/** One value through one step. `parts` are the field's source values (used by `join`). */
export function applyStep(step: Step, value: string, tables: CodeTables, parts: string[] = [value]): string {
  switch (step.op) {
    case 'trim':
      return value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    case 'date':
      return toIsoDate(value, step.formats);
    case 'money':
      return convertMoney(value, step.from, step.to);
    case 'idNumber18':
      return idNumber18(value);
    case 'width':
      return step.to === 'half' ? toHalfWidth(value) : toFullWidth(value);
    case 'split':
      return value.split(step.separator)[step.index] ?? '';
    case 'join':
      return parts.filter((p) => p !== '').join(step.separator);
    case 'constant':
      return step.value;
    case 'lookup': {
      if (value === '') return '';
      const table = tables.get(step.table);
      if (!table) throw new TransformError(`代码表“${step.table}”不存在`);
      const code = table.get(value);
      if (code !== undefined) return code;
      if (step.fallback === 'keep') return value;
      throw new TransformError(`“${value}”不在代码表“${step.table}”中`);
    }
  }
}

export function applyChain(chain: Chain, parts: string[], tables: CodeTables): string {
  let value = parts.length > 1 ? parts.join('') : (parts[0] ?? '');
  for (const step of chain) value = applyStep(step, value, tables, parts);
  return value;
}

function toIsoDate(value: string, formats: string[]): string {
  const v = value.trim();
  if (v === '') return '';
  for (const format of formats) {
    const parsed = parseWith(v, format);
    if (parsed) return parsed;
  }
  throw new TransformError(`“${value}”不是可识别的日期（格式：${formats.join('、')}）`);
}

function parseWith(value: string, format: string): string | null {
  const tokens = /YYYY|YY|MM|M|DD|D/g;
  let pattern = '';
  const order: string[] = [];
  let last = 0;
  for (const m of format.matchAll(tokens)) {
    pattern += escape(format.slice(last, m.index)) + (m[0].length === 1 ? '(\\d{1,2})' : `(\\d{${m[0].length}})`);
    order.push(m[0]);
    last = m.index + m[0].length;
  }
  pattern += escape(format.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(value);
  if (!match) return null;
  let y = 0;
  let mo = 0;
  let d = 0;
  order.forEach((token, i) => {
    const n = Number(match[i + 1]);
    if (token === 'YYYY') y = n;
    else if (token === 'YY') y = n < 50 ? 2000 + n : 1900 + n;
    else if (token.startsWith('M')) mo = n;
    else d = n;
  });
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function convertMoney(value: string, from: '元' | '万元', to: '元' | '万元'): string {
  const v = value.trim().replace(/,/g, '');
  if (v === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) throw new TransformError(`“${value}”不是金额`);
  if (from === to) return v;
  const [, sign, int, frac = ''] = m;
  // Shift the decimal point by four places on the digit string: exact for any length.
  const digits = int! + frac;
  const point = int!.length + (from === '万元' ? 4 : -4);
  const padded = point < 0 ? '0'.repeat(-point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 0);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
  const rest = padded.slice(at).replace(/0+$/, '');
  return `${sign}${whole}${rest ? `.${rest}` : ''}`;
}

function idNumber18(value: string): string {
  const v = value.trim().toUpperCase();
  if (v === '' || /^\d{17}[\dX]$/.test(v)) return v;
  if (/^\d{15}$/.test(v)) return upgradeIdNumber15(v);
  throw new TransformError(`“${value}”不是15位或18位身份证号`);
}

export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export function toFullWidth(value: string): string {
  return value.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}
