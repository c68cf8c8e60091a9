// Pure security rules: password history and expiry, the TOTP window and single use, the order
// of sign-in steps, detached signatures, canonical JSON, and the audit chain check on synthetic rows.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../lib/audit';
import { verifyRows, type AuditRow } from '../../lib/audit/verify';
import { nextSignInStep } from '../../lib/auth/next-step';
import { hashPassword } from '../../lib/auth/password';
import { reusesPassword } from '../../lib/auth/password-history';
import { passwordExpired } from '../../lib/auth/password-policy';
import { newTotpSecret, totpCode, totpStep, verifyTotp } from '../../lib/auth/totp';
import { canonicalJson } from '../../lib/crypto/canonical-json';
import { isPersonalField, maskPersonal } from '../../lib/crypto/mask';
import { keyFromSeed, keyIdOf, signBytes, signJson, verifyBytes, verifyJson } from '../../lib/crypto/signing';

describe('password history and expiry', () => {
  // scrypt costs 128 MiB and ~0.4 s a check by design; unit files run side by side on two cores.
  it('R-8.2 recognises a password among earlier hashes and accepts a new one', { timeout: 60_000 }, async () => {
    const hashes = [await hashPassword('Old-Password-01'), await hashPassword('Old-Password-02')];
    expect(await reusesPassword('Old-Password-02', hashes)).toBe(true);
    expect(await reusesPassword('Brand-New-Pass-03', hashes)).toBe(false);
  });

  it('R-8.2 expires a password after the configured number of days, never with 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00Z'), 90)).toBe(false);
    expect(passwordExpired(changed, new Date('2026-04-02T00:00:00Z'), 90)).toBe(true);
    expect(passwordExpired(changed, new Date('2030-01-01T00:00:00Z'), 0)).toBe(false);
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = Date.parse('2026-11-28T08:00:10Z');

  it('R-8.2 accepts the current code and one step of clock drift either way, nothing older', () => {
    expect(verifyTotp(secret, totpCode(secret, now), now, null)).toBe(totpStep(now));
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, null)).toBe(totpStep(now) - 1);
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now, null)).toBe(totpStep(now) + 1);
    expect(verifyTotp(secret, totpCode(secret, now - 90_000), now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
    expect(verifyTotp(newTotpSecret(), totpCode(secret, now), now, null)).toBeNull();
  });

  it('R-8.2 accepts a code once: not again, and no older code after a newer one', () => {
    const step = verifyTotp(secret, totpCode(secret, now), now, null)!;
    expect(verifyTotp(secret, totpCode(secret, now), now, step)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now, step)).toBeNull();
    expect(verifyTotp(secret, totpCode(secret, now + 30_000), now, step)).toBe(step + 1);
  });
});

describe('sign-in steps', () => {
  const user = (mustChangePassword: boolean) => ({ mustChangePassword });

  it('R-8.2 asks an enrolled user for the code first, then a forced password change, then enrolment', () => {
    expect(nextSignInStep({ mfa: 'pending', totpEnrolled: true, user: user(true) })).toBe('/login/totp');
    expect(nextSignInStep({ mfa: 'pending', totpEnrolled: false, user: user(true) })).toBe('/change-password');
    expect(nextSignInStep({ mfa: 'pending', totpEnrolled: false, user: user(false) })).toBe('/account/totp');
    expect(nextSignInStep({ mfa: 'ok', totpEnrolled: true, user: user(true) })).toBe('/change-password');
    expect(nextSignInStep({ mfa: 'ok', totpEnrolled: false, user: user(false) })).toBeNull();
  });
});

describe('signatures on exchanged data', () => {
  const key = keyFromSeed(randomBytes(32));
  const keys = new Map([[key.keyId, key.publicKey]]);
  const file = Buffer.from('行政相对人名称,统一社会信用代码\n武陟县某公司,91410823MA00000000\n');

  it('R-8.1 verifies a detached signature and names the signer and time', () => {
    const sig = signBytes(file, { key, signer: '武陟县市场监管局', now: new Date('2026-11-28T08:00:00Z') });
    expect(verifyBytes(file, sig, keys)).toEqual({
      ok: true,
      keyId: key.keyId,
      signer: '武陟县市场监管局',
      signedAt: '2026-11-28T08:00:00.000Z',
    });
  });

  it('R-8.1 detects a changed file, a changed signer or time, and an unknown key', () => {
    const sig = signBytes(file, { key, signer: 'A' });
    const changed = Buffer.from(file);
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
    expect(verifyBytes(changed, sig, keys)).toEqual({ ok: false, reason: 'digest mismatch' });
    expect(verifyBytes(file, { ...sig, signer: 'B' }, keys)).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyBytes(file, { ...sig, signedAt: '2020-01-01T00:00:00.000Z' }, keys)).toMatchObject({ ok: false });
    const other = keyFromSeed(randomBytes(32));
    expect(verifyBytes(file, signBytes(file, { key: other, signer: 'A' }), keys)).toEqual({
      ok: false,
      reason: 'unknown key',
    });
    expect(verifyBytes(file, { nonsense: true }, keys)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('R-8.1 signs JSON payloads in canonical form, so key order on the way does not matter', () => {
    const sig = signJson({ b: 1, a: { d: [1, 'x'], c: null } }, { key, signer: 'A' });
    expect(verifyJson({ a: { c: null, d: [1, 'x'] }, b: 1 }, sig, keys).ok).toBe(true);
    expect(verifyJson({ a: { c: null, d: [1, 'y'] }, b: 1 }, sig, keys).ok).toBe(false);
    expect(canonicalJson({ b: 1, a: [true, undefined], c: undefined })).toBe('{"a":[true,null],"b":1}');
  });

  it('R-8.1 derives a stable key id from the public key', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(keyIdOf(publicKey)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key.publicKey)).toBe(key.keyId);
  });
});

describe('personal fields on screen', () => {
  it('R-8.1 treats ID and phone numbers as personal whatever the catalog says, and masks them', () => {
    expect(isPersonalField({ type: 'PHONE', personal: false })).toBe(true);
    expect(isPersonalField({ type: 'TEXT', personal: false })).toBe(false);
    expect(maskPersonal('PHONE', '13912345678')).toBe('139****5678');
    expect(maskPersonal('ID_NUMBER', '41082319900101001X')).toBe('4108**********001X');
  });
});

describe('audit chain verification', () => {
  function chain(n: number): AuditRow[] {
    const rows: AuditRow[] = [];
    let prevHash = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const row = {
        id: String(i),
        at: new Date(Date.UTC(2026, 10, 28, 8, 0, i)),
        userId: null,
        username: 'admin',
        deptId: null,
        ip: '10.0.0.1',
        module: 'auth',
        action: 'LOGIN',
        objectType: null,
        objectId: null,
        result: 'OK',
        detail: { n: i, method: 'PASSWORD' },
      };
      const hash = chainHash(prevHash, { ...row, result: 'OK' });
      rows.push({ ...row, prevHash, hash });
      prevHash = hash;
    }
    return rows;
  }

  it('R-8.2 accepts an intact chain and reports its head', async () => {
    const rows = chain(5);
    expect(await verifyRows(rows)).toEqual({ ok: true, rows: 5, firstId: '1', head: { id: '5', hash: rows[4]!.hash } });
  });

  it('R-8.2 reports an edited row as the first break', async () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, detail: { n: 3, method: 'CERTIFICATE' } };
    expect((await verifyRows(rows)).break).toMatchObject({ kind: 'edited', id: '3' });
  });

  it('R-8.2 reports a deleted row at the row that follows the gap', async () => {
    const rows = chain(6).filter((r) => r.id !== '4');
    expect((await verifyRows(rows)).break).toMatchObject({ kind: 'missing', id: '5', afterId: '3' });
  });

  it('R-8.2 catches a cut tail through an anchor kept elsewhere', async () => {
    const rows = chain(6);
    const anchor = { id: '6', hash: rows[5]!.hash };
    expect((await verifyRows(rows, { anchors: [anchor] })).ok).toBe(true);
    expect((await verifyRows(rows.slice(0, 4), { anchors: [anchor] })).break).toMatchObject({ kind: 'anchor' });
  });
});
