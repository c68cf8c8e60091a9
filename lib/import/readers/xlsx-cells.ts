// Cell values of a worksheet as Excel shows them as text, and the formula check, for ./xlsx.ts.
import { ValidationError } from '@/lib/errors';

const MAX_COLUMNS = 16_384; // XFD

export interface CellContext {
  strings: { get(i: number): string | undefined };
  dateStyles: Set<number>;
  date1904: boolean;
}

export function cellText(type: string, value: string, inline: string, style: number, ctx: CellContext): string {
  switch (type) {
    case 's':
      return ctx.strings.get(Number(value)) ?? '';
    case 'inlineStr':
      return inline;
    case 'str':
      return value;
    case 'b':
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return ''; // #N/A, #DIV/0! …: no value
    case 'd':
      return value.slice(0, 10);
    default:
      if (value === '') return '';
      return ctx.dateStyles.has(style) ? excelDate(Number(value), ctx.date1904) : numberText(value);
  }
}

/** As Excel shows a number: at most 15 significant digits (so 0.1+0.2 is 0.3), no exponent for integers. */
export function numberText(raw: string): string {
  const n = Number(raw);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : raw;
}

/** An Excel date serial as YYYY-MM-DD (the time of day is dropped). */
export function excelDate(serial: number, date1904: boolean): string {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return numberText(String(serial));
  let days = Math.floor(serial);
  if (date1904) days += 1462;
  else if (days < 60)
    days += 1; // Excel counts a 29 February 1900 that never was
  else if (days === 60) return '1900-02-29';
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

/** `B12` → 2. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c >= 97 && c <= 122) n = n * 26 + c - 96;
    else break;
  }
  if (n < 1 || n > MAX_COLUMNS) throw damaged();
  return n;
}

export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** DDE (`app|topic!item`, a `|` outside quotes) or a function that runs code or reads other programs. */
export function callsProgram(formula: string): boolean {
  const bare = formula.replace(/"[^"]*"/g, '""').replace(/'[^']*'/g, "''");
  return bare.includes('|') || /(^|[^A-Za-z0-9_.])(DDE|DDEAUTO|CALL|REGISTER|REGISTER\.ID|EXEC)\s*\(/i.test(bare);
}

function damaged(): ValidationError {
  return new ValidationError('无法读取 Excel 文件：文件已损坏或格式不正确');
}
