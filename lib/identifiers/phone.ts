// Phone numbers (联系电话): a mobile number, or a landline with its area code, as people write them:
// "138 0013 8000", "+86 13800138000", "(0391)7221234", "0391-722 1234". Pure: the row check runs in the browser.

const WRITTEN = /^[+(\d][\d\s()-]*$/;
const DIGITS = /^(?:1[3-9]\d{9}|0\d{9,11})$/;

/** Digits only (a landline keeps its area code), without the +86 / 0086 country prefix of a mobile number. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
}

/** Whether a cell holds one phone number: only digits, spaces, brackets, hyphens and a leading +. */
export function isPhoneNumber(value: string): boolean {
  return WRITTEN.test(value) && DIGITS.test(normalisePhone(value));
}
