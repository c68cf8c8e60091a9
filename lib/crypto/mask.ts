// Masking for screens: keep enough to recognise a value, never enough to reuse it.

/** 身份证号 410823199001011234 → 4108**********1234 */
export function maskIdNumber(v: string): string {
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** 手机号 13912345678 → 139****5678 */
export function maskPhone(v: string): string {
  if (v.length < 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** A personal name 张三丰 → 张** */
export function maskName(v: string): string {
  return v.length <= 1 ? v : `${v[0]}${'*'.repeat(v.length - 1)}`;
}
