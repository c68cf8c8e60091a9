// Sealing of personal identifiers, password hashing and policy, the audit hash chain.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../lib/audit';
import { hashPassword, verifyPassword } from '../../lib/auth/password';
import { passwordProblems } from '../../lib/auth/password-policy';
import { maskIdNumber, maskPhone } from '../../lib/crypto/mask';

let pii: typeof import('../../lib/crypto/pii');
beforeAll(async () => {
  process.env.PII_ENC_KEY ??= randomBytes(32).toString('base64');
  process.env.PII_HMAC_KEY ??= randomBytes(32).toString('base64');
  process.env.DATABASE_URL ??= 'postgresql://unused/unused';
  pii = await import('../../lib/crypto/pii');
});

describe('personal identifiers at rest', () => {
  it('R-8.1 seals an ID number so the stored text neither contains nor repeats it', () => {
    const id = '41082319900101001X';
    const a = pii.seal(id);
    const b = pii.seal(id);
    expect(a).not.toContain(id);
    expect(a).not.toBe(b); // random IV
    expect(pii.unseal(a)).toBe(id);
  });

  it('R-8.1 refuses a sealed value that was tampered with', () => {
    const sealed = pii.seal('41082319900101001X');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => pii.unseal(`v1:${raw.toString('base64')}`)).toThrow();
  });

  it('R-8.1 finds the same person by a keyed hash that does not reveal the number', () => {
    expect(pii.blindIndex('41082319900101001X')).toBe(pii.blindIndex('41082319900101001X'));
    expect(pii.blindIndex('41082319900101001X')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('R-8.1 masks identifiers on screen', () => {
    expect(maskIdNumber('41082319900101001X')).toBe('4108**********001X');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});

describe('passwords', () => {
  it('R-8.1 stores passwords with scrypt and verifies only the right one', { timeout: 60_000 }, async () => {
    const hash = await hashPassword('Correct-Horse-9');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Correct-Horse-9', hash)).toBe(true);
    expect(await verifyPassword('Correct-Horse-8', hash)).toBe(false);
  });

  it('R-8.2 enforces length, three character classes and no username inside', () => {
    expect(passwordProblems('Short1!', 'zhang')).toContain('密码长度至少12位');
    expect(passwordProblems('alllowercaseletters', 'zhang')).toContain(
      '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类',
    );
    expect(passwordProblems('Zhang-2026-secure', 'zhang')).toContain('密码不能包含用户名');
    expect(passwordProblems('Wuzhi-Credit-2026', 'zhang')).toEqual([]);
  });
});

describe('audit hash chain', () => {
  it('R-8.2 links each entry to the previous one so a change anywhere breaks the chain', () => {
    const at = new Date('2026-11-28T00:00:00Z');
    const entry = { at, module: 'auth', action: 'LOGIN', username: 'admin', result: 'OK' as const };
    const h1 = chainHash(GENESIS_HASH, entry);
    expect(chainHash(GENESIS_HASH, entry)).toBe(h1);
    expect(chainHash(GENESIS_HASH, { ...entry, result: 'FAIL' })).not.toBe(h1);
    expect(chainHash(h1, entry)).not.toBe(h1);
  });
});
