// Sign-in rules against the real database: lockout after 5 failures for 30 minutes and unlock, one
// answer and the same hash work for unknown user, wrong password and locked account, no reuse of the last
// five passwords, expiry, server-side sessions (idle, absolute, logout, password change, disable) and the
// TOTP second factor for administrators. The clock is injected: nothing sleeps.
import { afterAll, describe, expect, it } from 'vitest';
import { changePassword, logoutSession, unlockAccount } from '../../lib/auth/account';
import { authenticate, GENERIC_LOGIN_ERROR, THROTTLED_LOGIN_ERROR } from '../../lib/auth/authenticate';
import { confirmEnrolment, pendingEnrolment, verifySecondFactor } from '../../lib/auth/mfa';
import { verifyPassword } from '../../lib/auth/password';
import { checkSession, openSession } from '../../lib/auth/session';
import { totpCode } from '../../lib/auth/totp';
import { db } from '../../lib/db';
import { ValidationError } from '../../lib/errors';
import { createTestUser } from '../support/users';

afterAll(() => db.$disconnect());

const MIN = 60_000;

describe('lockout', () => {
  it('R-8.2 locks an account after 5 wrong passwords for 30 minutes, then lets the right one in', async () => {
    const u = await createTestUser();
    const t0 = new Date();
    for (let i = 0; i < 5; i++)
      expect((await authenticate(u.username, 'wrong-password', null, { now: t0 })).ok).toBe(false);
    const locked = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(locked.lockedUntil?.getTime()).toBe(t0.getTime() + 30 * MIN);
    expect(await authenticate(u.username, u.password, null, { now: new Date(t0.getTime() + 29 * MIN) })).toEqual({
      ok: false,
      error: GENERIC_LOGIN_ERROR,
    });
    const later = await authenticate(u.username, u.password, null, { now: new Date(t0.getTime() + 31 * MIN) });
    expect(later.ok).toBe(true);
    const audit = await db.auditLog.findMany({ where: { userId: u.id, action: 'LOGIN' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.result)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'OK']);
    expect(audit[4]!.detail).toMatchObject({ reason: expect.stringContaining('locked') });
    expect(audit[5]!.detail).toEqual({ reason: 'locked' });
  });

  it('R-8.2 throttles an address that fails on many accounts, without a password check, and no other address', async () => {
    const limits = { maxFailures: 5, windowMinutes: 15 };
    const victims = await Promise.all([1, 2, 3, 4, 5].map(() => createTestUser()));
    const target = await createTestUser();
    const sprayer = `198.51.100.${(Date.now() % 200) + 1}`; // an address no other test uses
    let checks = 0;
    const verify = async (password: string, hash: string) => ((checks += 1), verifyPassword(password, hash));
    // Password spraying: one wrong password on each of five accounts, below each account's own lockout.
    for (const v of victims)
      expect((await authenticate(v.username, 'Spring@2026!', sprayer, { ipThrottle: limits })).ok).toBe(false);
    // Now even a right password from that address is refused, before any lookup or hash work.
    expect(await authenticate(target.username, target.password, sprayer, { ipThrottle: limits, verify })).toEqual({
      ok: false,
      error: THROTTLED_LOGIN_ERROR,
    });
    expect(checks).toBe(0);
    // Another address, and the same address after the window, sign in as usual.
    expect((await authenticate(target.username, target.password, '203.0.113.7', { ipThrottle: limits })).ok).toBe(true);
    const later = new Date(Date.now() + 16 * MIN);
    expect((await authenticate(target.username, target.password, sprayer, { ipThrottle: limits, now: later })).ok).toBe(
      true,
    );
    // No account was locked by the spraying, and each attempt is in the audit log with the address.
    for (const v of victims) expect((await db.user.findUniqueOrThrow({ where: { id: v.id } })).lockedUntil).toBeNull();
    const refused = await db.auditLog.findFirstOrThrow({
      where: { ip: sprayer, username: target.username, result: 'FAIL' },
    });
    expect(refused.detail).toEqual({ reason: 'too many failures from this address' });
  });

  it('R-8.2 lets an administrator unlock an account before the 30 minutes are over', async () => {
    const u = await createTestUser();
    const admin = await createTestUser({ roles: ['SYS_ADMIN'] });
    for (let i = 0; i < 5; i++) await authenticate(u.username, 'wrong-password', null);
    expect((await authenticate(u.username, u.password, null)).ok).toBe(false);
    await unlockAccount(
      { id: admin.id, username: admin.username, departmentId: (await deptOf(admin.id))! },
      u.id,
      null,
    );
    expect((await authenticate(u.username, u.password, null)).ok).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'UNLOCK', objectId: u.id } })).toBe(1);
  });

  it('R-8.2 answers unknown user, wrong password and locked account alike, after the same hash work', async () => {
    const u = await createTestUser();
    for (let i = 0; i < 5; i++) await authenticate(u.username, 'wrong-password', null);
    const wrong = await createTestUser();
    const cases = [
      ['unknown', `nobody_${Date.now()}`, 'whatever-password'],
      ['wrong', wrong.username, 'wrong-password'],
      ['locked', u.username, u.password],
    ] as const;
    const timings: number[] = [];
    for (const [, username, password] of cases) {
      let hashed = 0;
      const verify = (pw: string, hash: string) => {
        hashed++;
        return verifyPassword(pw, hash);
      };
      const started = performance.now();
      const result = await authenticate(username, password, null, { verify });
      timings.push(performance.now() - started);
      expect(result).toEqual({ ok: false, error: GENERIC_LOGIN_ERROR });
      expect(hashed).toBe(1);
    }
    // The scrypt work (~0.3 s or more) dominates each path; none is a fast answer.
    const slowest = Math.max(...timings);
    for (const t of timings) expect(t).toBeGreaterThan(slowest / 3);
  });
});

describe('password rules', () => {
  it('R-8.2 refuses any of the last five passwords and accepts the sixth back', { timeout: 300_000 }, async () => {
    const passwords = ['Wuzhi-Pass-0001', 'Wuzhi-Pass-0002', 'Wuzhi-Pass-0003', 'Wuzhi-Pass-0004', 'Wuzhi-Pass-0005'];
    const u = await createTestUser({ password: 'Wuzhi-Pass-0000' });
    let current = 'Wuzhi-Pass-0000';
    for (const next of passwords) {
      await changePassword(u.id, current, next, null);
      current = next;
    }
    for (const old of passwords.slice(0, 4)) {
      await expect(changePassword(u.id, current, old, null)).rejects.toThrow('最近5次');
    }
    await expect(changePassword(u.id, current, current, null)).rejects.toBeInstanceOf(ValidationError);
    await changePassword(u.id, current, 'Wuzhi-Pass-0000', null); // six changes back: allowed again
    expect(await db.passwordHistory.count({ where: { userId: u.id } })).toBe(4);
  });

  it('R-8.2 makes a user change an expired password before anything else', async () => {
    const u = await createTestUser();
    await db.user.update({ where: { id: u.id }, data: { passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) } });
    expect((await authenticate(u.username, u.password, null)).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).mustChangePassword).toBe(true);
    expect(await db.auditLog.count({ where: { userId: u.id, action: 'PASSWORD_EXPIRED' } })).toBe(1);
  });
});

describe('server-side sessions', () => {
  async function session(mfaRequired = false, now = new Date()) {
    const u = await createTestUser();
    const user = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    const sid = await openSession(u.id, { method: 'PASSWORD', mfaRequired, ip: null, now });
    return { u, token: { uid: u.id, sid, sv: user.sessionVersion } };
  }

  it('R-8.2 ends a session after 15 idle minutes, and activity keeps it alive', async () => {
    const t0 = new Date();
    const { token } = await session(false, t0);
    expect(await checkSession(token, new Date(t0.getTime() + 14 * MIN))).toEqual({ ok: true, mfa: 'ok' });
    expect(await checkSession(token, new Date(t0.getTime() + 28 * MIN))).toEqual({ ok: true, mfa: 'ok' });
    expect(await checkSession(token, new Date(t0.getTime() + 44 * MIN))).toEqual({ ok: false, reason: 'idle' });
    expect(await checkSession(token, new Date(t0.getTime() + 45 * MIN))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('R-8.2 ends a busy session 8 hours after sign-in', async () => {
    const t0 = new Date();
    const { token } = await session(false, t0);
    for (let m = 10; m <= 480; m += 10) {
      expect((await checkSession(token, new Date(t0.getTime() + m * MIN))).ok).toBe(true);
    }
    expect(await checkSession(token, new Date(t0.getTime() + 481 * MIN))).toEqual({ ok: false, reason: 'absolute' });
  });

  it('R-8.2 revokes the session on logout, password change and disable', async () => {
    const a = await session();
    await logoutSession(a.u.id, a.token.sid, null);
    expect(await checkSession(a.token)).toEqual({ ok: false, reason: 'unknown' });

    const b = await session();
    const other = await openSession(b.u.id, { method: 'PASSWORD', mfaRequired: false, ip: null });
    await changePassword(b.u.id, b.u.password, 'Another-Pass-2026', null);
    expect((await checkSession(b.token)).ok).toBe(false);
    expect((await checkSession({ ...b.token, sid: other })).ok).toBe(false);

    const c = await session();
    await db.user.update({ where: { id: c.u.id }, data: { status: 'DISABLED', sessionVersion: { increment: 1 } } });
    expect((await checkSession(c.token)).ok).toBe(false);
  });

  it('R-8.2 keeps a password-only session of an administrator pending, and drops it after 10 minutes', async () => {
    const t0 = new Date();
    const { token } = await session(true, t0);
    expect(await checkSession(token, t0)).toEqual({ ok: true, mfa: 'pending' });
    expect(await checkSession(token, new Date(t0.getTime() + 11 * MIN))).toEqual({ ok: false, reason: 'mfa-timeout' });
  });
});

describe('TOTP for administrators', () => {
  it('R-8.2 requires a second factor of the administrator roles only', async () => {
    const admin = await createTestUser({ roles: ['SECURITY_ADMIN'] });
    const staff = await createTestUser();
    const a = await authenticate(admin.username, admin.password, null);
    const s = await authenticate(staff.username, staff.password, null);
    expect(a.ok && a.user.mfaRequired).toBe(true);
    expect(s.ok && s.user.mfaRequired).toBe(false);
  });

  it('R-8.2 enrols with a first code, then accepts each code once and verifies the session', async () => {
    const admin = await createTestUser({ roles: ['SYS_ADMIN'] });
    const now = new Date();
    const sid = await openSession(admin.id, { method: 'PASSWORD', mfaRequired: true, ip: null, now });
    const { secret, uri } = await pendingEnrolment(admin.id);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect((await pendingEnrolment(admin.id)).secret).toBe(secret); // a reload shows the same QR code
    const stored = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored.totpSecretSealed).not.toContain(secret);

    expect(await confirmEnrolment({ userId: admin.id, sid, ip: null, now }, totpCode(secret, now.getTime()))).toBe(
      true,
    );
    const token = { uid: admin.id, sid, sv: stored.sessionVersion };
    expect(await checkSession(token, now)).toEqual({ ok: true, mfa: 'ok' });

    // Next sign-in: the same code again is refused, the next one is accepted.
    const sid2 = await openSession(admin.id, { method: 'PASSWORD', mfaRequired: true, ip: null, now });
    const ctx = { userId: admin.id, sid: sid2, ip: null, now };
    expect(await verifySecondFactor(ctx, totpCode(secret, now.getTime()))).toBe(false);
    expect(await verifySecondFactor(ctx, totpCode(secret, now.getTime() + 30_000))).toBe(true);
    expect(await checkSession({ ...token, sid: sid2 }, now)).toEqual({ ok: true, mfa: 'ok' });
  });

  it('R-8.2 counts wrong codes toward the lockout and ends the pending session', async () => {
    const admin = await createTestUser({ roles: ['AUDIT_ADMIN'] });
    const now = new Date();
    const sid = await openSession(admin.id, { method: 'PASSWORD', mfaRequired: true, ip: null, now });
    const { secret } = await pendingEnrolment(admin.id);
    await confirmEnrolment({ userId: admin.id, sid, ip: null, now }, totpCode(secret, now.getTime()));
    const sid2 = await openSession(admin.id, { method: 'PASSWORD', mfaRequired: true, ip: null, now });
    for (let i = 0; i < 5; i++)
      expect(await verifySecondFactor({ userId: admin.id, sid: sid2, ip: null, now }, '000000')).toBe(false);
    const locked = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    expect(await db.userSession.count({ where: { userId: admin.id } })).toBe(0);
    // Locked: even the right code is refused, and so is the password.
    const ctx = { userId: admin.id, sid: null, ip: null, now };
    expect(await verifySecondFactor(ctx, totpCode(secret, now.getTime() + 30_000))).toBe(false);
    expect((await authenticate(admin.username, admin.password, null, { now })).ok).toBe(false);
  });
});

async function deptOf(userId: string): Promise<string | undefined> {
  return (await db.user.findUnique({ where: { id: userId } }))?.departmentId;
}
