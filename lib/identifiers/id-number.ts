// 公民身份号码, GB 11643-1999 (ISO 7064 MOD 11-2), plus the 15-digit GB 11643-1989 form still found in old data.

import { dayKeyOf } from '../calendar/workdays';
import { normaliseIdentifier } from './uscc';

export type IdNumberProblem = 'FORMAT' | 'CHECK_CHAR' | 'BIRTH_DATE' | 'AREA_CODE';

export type IdNumberCheck =
  { ok: true; normalized: string; legacy15: boolean } | { ok: false; code: IdNumberProblem; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes; county-level validation would need the full, year-dependent code list.
// prettier-ignore
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

// A number typed into a spreadsheet cell of number format: shown as 4.10823E+17, stored to 15 significant digits.
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d+$/;
const NUMBER_CELL = '号码的后几位已丢失，请将该列设为文本格式后重新录入';

export function computeIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got '${first17}'`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** 15-digit (GB 11643-1989) → 18-digit: the century '19' goes before the 2-digit year, then the check character. */
export function upgradeIdNumber15(value15: string): string {
  const v = normaliseIdentifier(value15);
  if (!/^\d{15}$/.test(v)) throw new RangeError(`'${value15}' is not a 15-digit ID number`);
  const first17 = `${v.slice(0, 6)}19${v.slice(6)}`;
  return first17 + computeIdCheckChar(first17);
}

/** Birth date as 'YYYY-MM-DD' of an 18- or 15-digit number, or null when there is none to read. */
export function birthDateOf(value: string): string | null {
  const v = normaliseIdentifier(value);
  let ymd: string;
  if (/^\d{17}[\dX]$/.test(v)) ymd = v.slice(6, 14);
  else if (/^\d{15}$/.test(v)) ymd = `19${v.slice(6, 12)}`;
  else return null;
  const key = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  return isRealDate(key) ? key : null;
}

export function checkIdNumber(value: string, options: { today?: Date } = {}): IdNumberCheck {
  const v = normaliseIdentifier(value);
  const legacy15 = /^\d{15}$/.test(v);
  if (!legacy15 && !/^\d{17}[\dX]$/.test(v)) {
    if (SCIENTIFIC.test(v))
      return { ok: false, code: 'FORMAT', message: `身份证号被存成了数字（${v}）：${NUMBER_CELL}` };
    return { ok: false, code: 'FORMAT', message: '身份证号格式错误：应为18位（末位可为X）或旧版15位数字' };
  }
  if (!PROVINCE_CODES.has(v.slice(0, 2))) {
    return { ok: false, code: 'AREA_CODE', message: '身份证号地址码错误：前两位不是有效的省级行政区划代码' };
  }
  const birth = birthDateOf(v);
  if (birth === null) return { ok: false, code: 'BIRTH_DATE', message: '身份证号中的出生日期不是有效日期' };
  // Compared in the Shanghai day: a baby born today in China is valid even while UTC is still on yesterday.
  const todayKey = dayKeyOf(options.today ?? new Date());
  if (birth > todayKey) return { ok: false, code: 'BIRTH_DATE', message: '身份证号中的出生日期晚于当前日期' };
  if (birth < '1900-01-01') return { ok: false, code: 'BIRTH_DATE', message: '身份证号中的出生日期早于1900年' };
  if (legacy15) return { ok: true, normalized: upgradeIdNumber15(v), legacy15: true };
  if (computeIdCheckChar(v.slice(0, 17)) !== v.charAt(17)) {
    // A spreadsheet keeps 15 significant digits of a number: the last three of an 18-digit number come back as 000.
    const hint = v.endsWith('000') ? `；若该列在表格中是数字格式，${NUMBER_CELL}` : '';
    return { ok: false, code: 'CHECK_CHAR', message: `身份证号校验位错误${hint}` };
  }
  return { ok: true, normalized: v, legacy15: false };
}

/** Builds a valid 18-digit number for seed data; throws on inputs that could not form one. */
export function makeIdNumber(area6: string, birthYYYYMMDD: string, seq3: string): string {
  if (!/^\d{6}$/.test(area6)) throw new RangeError(`invalid area code '${area6}'`);
  if (!/^\d{8}$/.test(birthYYYYMMDD)) throw new RangeError(`invalid birth date '${birthYYYYMMDD}'`);
  const birthKey = `${birthYYYYMMDD.slice(0, 4)}-${birthYYYYMMDD.slice(4, 6)}-${birthYYYYMMDD.slice(6, 8)}`;
  if (!isRealDate(birthKey)) throw new RangeError(`invalid birth date '${birthYYYYMMDD}'`);
  if (!/^\d{3}$/.test(seq3)) throw new RangeError(`invalid sequence code '${seq3}'`);
  const first17 = area6 + birthYYYYMMDD + seq3;
  return first17 + computeIdCheckChar(first17);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'YYYY-MM-DD' of digits names a day of the Gregorian calendar (arithmetic: it runs for every imported row). */
function isRealDate(key: string): boolean {
  const [y, m, d] = [Number(key.slice(0, 4)), Number(key.slice(5, 7)), Number(key.slice(8, 10))];
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!);
}
