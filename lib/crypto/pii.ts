// Personal identifiers at rest: sealed with AES-256-GCM (random IV, key version prefix) and found by a
// keyed hash (HMAC-SHA-256 of the normalised value), so the database never holds them in clear.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { env } from '../env';

const VERSION = 'v1';

function keys(): { enc: Buffer; mac: Buffer } {
  const e = env();
  return { enc: Buffer.from(e.PII_ENC_KEY, 'base64'), mac: Buffer.from(e.PII_HMAC_KEY, 'base64') };
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys().enc, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${VERSION}:${Buffer.concat([iv, tag, body]).toString('base64')}`;
}

export function unseal(sealed: string): string {
  const [version, payload] = sealed.split(':', 2);
  if (version !== VERSION || !payload) throw new Error('Unknown sealed value format');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys().enc, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function sealJson(value: unknown): string {
  return seal(JSON.stringify(value));
}

export function unsealJson<T>(sealed: string): T {
  return JSON.parse(unseal(sealed)) as T;
}

/** Keyed lookup hash of an identifier; callers normalise first (trim, upper-case). */
export function blindIndex(value: string): string {
  return createHmac('sha256', keys().mac).update(value).digest('hex');
}

/** 身份证号 and other certificate numbers: no spaces, upper-case check character. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

/** Phone numbers: digits only (a landline keeps its area code), without the +86 / 0086 country prefix. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.replace(/^(?:0086|86)(?=1\d{10}$)/, '');
}

/** Sealed value and lookup hash of a personal identifier, normalised the same way on write and on search. */
export function sealIdentifier(kind: 'ID_NUMBER' | 'PHONE', value: string): { sealed: string; hash: string } {
  const normal = kind === 'PHONE' ? normalisePhone(value) : normaliseIdNumber(value);
  return { sealed: seal(normal), hash: blindIndex(`${kind === 'PHONE' ? 'phone:' : ''}${normal}`) };
}
