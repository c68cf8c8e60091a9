// The report number and check code printed on every credit report. The number is public (it is in the QR
// link); the check code is the secret half of the pair a verifier types in, stored only as a keyed hash.
import { randomInt, timingSafeEqual } from 'node:crypto';
import { blindIndex } from '@/lib/crypto/pii';

/** WZ + issue day YYYYMMDD + 8-digit sequence. */
export const REPORT_NUMBER_PATTERN = /^WZ\d{8}\d{8}$/;

export function reportNumber(dayKey: string, seq: bigint | number): string {
  return `WZ${dayKey.replaceAll('-', '')}${String(seq).padStart(8, '0')}`;
}

// No 0/O, 1/I/L: the code is read off paper and typed in.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CHECK_CODE_LENGTH = 8;

export function newCheckCode(): string {
  let code = '';
  for (let i = 0; i < CHECK_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Keyed hash of the pair: the hash of one report's code says nothing about another's. */
export function checkCodeHash(number: string, checkCode: string): string {
  return blindIndex(`report:${number}:${checkCode.trim().toUpperCase()}`);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
