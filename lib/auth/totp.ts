// TOTP second factor (RFC 6238 via `otpauth`): 6 digits, 30-second steps, SHA-1 as every authenticator app
// expects, one step of clock drift either way. A code is accepted once: the caller keeps the last used step.
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = '信用武陟';
const PERIOD = 30;
const WINDOW = 1;

function totp(secret: string, label = 'user'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, RFC 4226's recommendation), base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / PERIOD);
}

/** The code for a moment (tests, and nothing else in the application). */
export function totpCode(secret: string, nowMs: number): string {
  return totp(secret).generate({ timestamp: nowMs });
}

/**
 * The time step a code belongs to when it is valid now (±1 step) and newer than the last accepted one;
 * null otherwise. Comparison is constant-time inside otpauth.
 */
export function verifyTotp(secret: string, code: string, nowMs: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return null;
  const step = totpStep(nowMs) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
