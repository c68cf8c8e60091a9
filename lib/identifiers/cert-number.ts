// 证件类型 of the 双公示 template and per-type number checks. The current national template lists the five
// documents below "或以“其他-**”开头": 99 其他 is that last form (the cell "其他-军官证" reads as 99).

import { checkIdNumber, type IdNumberProblem } from './id-number';
import { normaliseIdentifier } from './uscc';

export const CERT_TYPES = [
  { code: '01', label: '身份证' },
  { code: '02', label: '护照' },
  { code: '03', label: '港澳居民来往内地通行证' },
  { code: '04', label: '台湾居民来往大陆通行证' },
  { code: '05', label: '外国人永久居留身份证' },
  { code: '99', label: '其他' },
] as const;

export type CertTypeCode = (typeof CERT_TYPES)[number]['code'];

export type CertNumberProblem = IdNumberProblem | 'CERT_TYPE';

export type CertNumberCheck =
  { ok: true; normalized: string; legacy15?: boolean } | { ok: false; code: CertNumberProblem; message: string };

// These documents carry no published check character, so only their shape can be verified.
const PATTERNS: Record<Exclude<CertTypeCode, '01'>, { pattern: RegExp; message: string }> = {
  '02': { pattern: /^[A-Z0-9]{5,17}$/, message: '护照号码格式错误：应为5–17位字母或数字' },
  '03': { pattern: /^[HM]\d{8}(\d{2})?$/, message: '港澳居民来往内地通行证号码格式错误：应为H或M加8位或10位数字' },
  '04': { pattern: /^\d{8}(\d{2})?$/, message: '台湾居民来往大陆通行证号码格式错误：应为8位或10位数字' },
  // 2004 form: 3-letter nationality + 12 digits; 2023 form: 18 characters starting with 9, shaped like a 身份证号.
  '05': {
    pattern: /^(?:[A-Z]{3}\d{12}|9\d{16}[\dX])$/,
    message: '外国人永久居留身份证号码格式错误：应为3位字母加12位数字，或以9开头的18位号码',
  },
  // Any other document: its numbers have no common shape; one word of printable characters is all that is asked.
  '99': { pattern: /^\S{1,50}$/u, message: '证件号码格式错误：应为不含空格的50个字符以内' },
};

export function isCertTypeCode(value: string): value is CertTypeCode {
  return CERT_TYPES.some((t) => t.code === value);
}

export function checkCertNumber(certType: string, value: string, options: { today?: Date } = {}): CertNumberCheck {
  const type = certType.trim();
  if (!isCertTypeCode(type)) {
    return { ok: false, code: 'CERT_TYPE', message: `证件类型代码“${certType}”无效，应为01–05或99` };
  }
  if (type === '01') return checkIdNumber(value, options);
  const normalized = normaliseIdentifier(value);
  const rule = PATTERNS[type];
  return rule.pattern.test(normalized)
    ? { ok: true, normalized }
    : { ok: false, code: 'FORMAT', message: rule.message };
}
