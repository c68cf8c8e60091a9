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

/** Field types that are personal data whatever the catalog says: sealed at rest, masked on screen. */
const PERSONAL_FIELD_TYPES: readonly string[] = ['ID_NUMBER', 'CERT_NUMBER', 'PHONE'];

export function isPersonalField(field: { type: string; personal?: boolean | null }): boolean {
  return !!field.personal || PERSONAL_FIELD_TYPES.includes(field.type);
}

/** The masked form of a personal value for screens; revealing the clear value is lib/crypto/reveal.ts. */
export function maskPersonal(type: string, value: string): string {
  if (type === 'PHONE') return maskPhone(value);
  if (type === 'ID_NUMBER' || type === 'CERT_NUMBER') return maskIdNumber(value);
  return maskName(value);
}

// Public pages (信用武陟) show less than staff screens: a person's name keeps its first and last character, an
// identifier only its ends — enough to tell two entries apart, never enough to look a person up.

/** A person's name on a public page: 张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明. */
export function maskNamePublic(v: string): string {
  const chars = [...v.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A personal identifier on a public page: 41082319900101001X → 4****************X; never shown in full. */
export function maskIdentifierPublic(v: string): string {
  const chars = [...v.trim()];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
