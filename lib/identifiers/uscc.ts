// 统一社会信用代码, GB 32100-2015, with the GB 11714-1997 organisation-code cross-check on positions 9–17.
// A failed check is a finding for the reviewer (置疑), never an exception: some early pilot-region codes
// (e.g. Fujian 91350100M0001TGQXM) are legally issued yet fail the check character.

const CLEAN = /^[0-9A-Z]+$/;

/**
 * Trim, map full-width forms (common in pasted Chinese spreadsheets) to ASCII, upper-case.
 * Shared by every identifier check in this folder.
 */
export function normaliseIdentifier(value: string): string {
  if (CLEAN.test(value)) return value; // most values: an import checks millions of them
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toUpperCase();
}

export type UsccProblem = 'FORMAT' | 'CHECK_CHAR' | 'ORG_CODE_CHECK';

export type UsccCheck = { ok: true; normalized: string } | { ok: false; code: UsccProblem; message: string };

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// I, O, Z, S and V are excluded in every position; positions 3–8 are a GB/T 2260 area code.
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_BODY_PATTERN = /^[0-9A-Z]{8}$/;

/** The 18th character for the first 17 characters of a USCC. Throws on characters outside the USCC set. */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`character '${first17.charAt(i)}' is not in the USCC character set`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 check character of an 8-character organisation-code body (0-9, A-Z). */
export function computeOrgCodeCheckChar(body8: string): string {
  if (!ORG_BODY_PATTERN.test(body8)) throw new RangeError(`'${body8}' is not an 8-character organisation-code body`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // parseInt with radix 36 maps 0-9 → 0-9 and A-Z → 10-35, exactly the GB 11714 values.
    sum += parseInt(body8.charAt(i), 36) * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c9 = 11 - (sum % 11);
  if (c9 === 10) return 'X';
  if (c9 === 11) return '0';
  return String(c9);
}

export function checkUscc(value: string): UsccCheck {
  const normalized = normaliseIdentifier(value);
  if (normalized.length !== 18) {
    return { ok: false, code: 'FORMAT', message: `统一社会信用代码应为18位，实际为${normalized.length}位` };
  }
  if (!USCC_PATTERN.test(normalized)) {
    return {
      ok: false,
      code: 'FORMAT',
      message: '统一社会信用代码格式错误：第3–8位应为数字，其余位为数字或大写字母（不含I、O、Z、S、V）',
    };
  }
  if (computeUsccCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { ok: false, code: 'CHECK_CHAR', message: '统一社会信用代码校验位错误' };
  }
  if (computeOrgCodeCheckChar(normalized.slice(8, 16)) !== normalized.charAt(16)) {
    return { ok: false, code: 'ORG_CODE_CHECK', message: '统一社会信用代码中的组织机构代码（第9–17位）校验位错误' };
  }
  return { ok: true, normalized };
}

/**
 * Builds a valid code from the 8-character prefix (registration authority, category, area code, e.g. '91410823')
 * and an 8-character subject body; used to generate seed data.
 */
export function makeUscc(prefix: string, body8: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}$/.test(prefix)) throw new RangeError(`invalid USCC prefix '${prefix}'`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{8}$/.test(body8)) throw new RangeError(`invalid USCC subject body '${body8}'`);
  const first17 = prefix + body8 + computeOrgCodeCheckChar(body8);
  return first17 + computeUsccCheckChar(first17);
}
