// Where a request comes from, over HTTP against the real app: the sign-in throttle and the audit log use
// the connection's address, never an X-Forwarded-For the client wrote, unless the connection comes from a
// configured trusted proxy; and Auth.js's own sign-out ends the server-side session like the app's 退出登录.
// Each client connects from an address of its own in 127.0.0.0/8 (test/support/loopback-client.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { startApp } from '../../scripts/dev/next-app';
import { freePort, stopService, type Service } from '../../scripts/dev/processes';
import { ROOT } from '../../scripts/dev/root';
import { LoopbackClient } from '../support/loopback-client';
import { createTestUser } from '../support/users';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const appAt = (url: string) => url.replace('localhost', '127.0.0.1');

// Distinct loopback addresses for this run's clients, away from 127.0.0.1 (the stack's own and the "proxy").
let nextHost = 2 + (Date.now() % 50) * 4;
const loopback = () => `127.0.0.${nextHost++}`;

afterAll(() => db.$disconnect());

async function auditIps(username: string, action = 'LOGIN'): Promise<(string | null)[]> {
  const rows = await db.auditLog.findMany({ where: { username, action }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.ip);
}

describe('with the default configuration (no trusted proxy)', () => {
  it('R-8.2 audits a sign-in with the address of the connection, not a forged X-Forwarded-For or private header', async () => {
    const u = await createTestUser();
    const from = loopback();
    const client = new LoopbackClient(appAt(APP_URL), from, {
      'x-forwarded-for': '203.0.113.66',
      'x-wuzhi-client-ip': '203.0.113.67',
    });
    expect(await client.signIn(u.username, 'wrong-password')).toBe('refused');
    expect(await client.signIn(u.username, u.password)).toBe('ok');
    expect(await auditIps(u.username)).toEqual([from, from]);
    expect((await db.userSession.findFirstOrThrow({ where: { userId: u.id } })).ip).toBe(from);
  });

  it("R-8.2 ends the server-side session on Auth.js's own sign-out, so a cookie copied before it is refused", async () => {
    const u = await createTestUser();
    const from = loopback();
    const client = new LoopbackClient(appAt(APP_URL), from, { 'x-forwarded-for': '203.0.113.68' });
    expect(await client.signIn(u.username, u.password)).toBe('ok');
    const copy = new LoopbackClient(appAt(APP_URL), loopback());
    for (const [k, v] of client.jar) copy.jar.set(k, v);
    expect((await copy.fetch('/home')).status).toBe(200); // the copy works while the session lives…

    const { csrfToken } = JSON.parse((await client.fetch('/api/auth/csrf')).body) as { csrfToken: string };
    const out = await client.fetch('/api/auth/signout', { method: 'POST', form: { csrfToken, callbackUrl: '/login' } });
    expect(out.status).toBe(302);
    expect([...client.jar.keys()].some((k) => k.includes('session-token'))).toBe(false);

    const after = await copy.fetch('/home'); // …and not after the sign-out
    expect(after.status).toBe(307);
    expect(after.location).toContain('/login');
    expect(await db.userSession.count({ where: { userId: u.id } })).toBe(0);
    expect(await auditIps(u.username, 'LOGOUT')).toEqual([from]);
  });
});

describe('behind a trusted reverse proxy at 127.0.0.1, which terminates TLS', () => {
  // A second app process on the same database and build: TRUSTED_PROXIES names the proxy, the throttle refuses an
  // address after 3 failures, and the public address is https.
  let app: Service;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const publicUrl = `https://localhost:${port}`;
    app = await startApp({
      root: ROOT,
      env: {
        ...process.env,
        TRUSTED_PROXIES: '127.0.0.1',
        LOGIN_IP_MAX_FAILURES: '3',
        APP_URL: publicUrl,
        AUTH_URL: publicUrl,
      },
      log: () => {},
      echo: false,
      logDir: mkdtempSync(join(tmpdir(), 'xinyong-proxy-app-')),
      port,
      url,
      requireLogin: true,
    });
  }, 180_000);
  afterAll(async () => {
    if (app) await stopService(app);
  });

  it('R-8.2 counts failures from a direct client against its connection: a forged X-Forwarded-For neither escapes the throttle nor triggers it for the address it names', async () => {
    const target = await createTestUser();
    const victim = await createTestUser();
    const attacker = loopback();
    const victimAddress = loopback();
    for (let i = 0; i < 3; i++) {
      const forged = new LoopbackClient(url, attacker, { 'x-forwarded-for': `${victimAddress}, 198.51.100.${i + 1}` });
      expect(await forged.signIn(target.username, 'wrong-password')).toBe('refused');
    }
    // A fourth attempt with a fresh forged address, even with the right password, is refused unchecked…
    const fresh = new LoopbackClient(url, attacker, { 'x-forwarded-for': '203.0.113.99' });
    expect(await fresh.signIn(target.username, target.password)).toBe('throttled');
    // …while the address the forged headers named signs in as usual.
    expect(await new LoopbackClient(url, victimAddress).signIn(victim.username, victim.password)).toBe('ok');
    expect(await auditIps(target.username)).toEqual([attacker, attacker, attacker, attacker]);
  });

  it('R-8.2 throttles and audits the client the proxy names (the right-most hop it appended), not one the client wrote', async () => {
    const target = await createTestUser();
    const other = await createTestUser();
    const sprayer = `198.51.100.${nextHost++}`;
    const neighbour = `198.51.100.${nextHost++}`;
    // The proxy appends the address it saw to whatever X-Forwarded-For the client sent.
    const viaProxy = (client: string, sent: string) =>
      new LoopbackClient(url, '127.0.0.1', { 'x-forwarded-for': `${sent}, ${client}` });
    for (let i = 0; i < 3; i++)
      expect(await viaProxy(sprayer, `10.0.0.${i + 1}`).signIn(target.username, 'wrong-password')).toBe('refused');
    expect(await viaProxy(sprayer, '10.0.0.9').signIn(target.username, target.password)).toBe('throttled');
    expect(await auditIps(target.username)).toEqual([sprayer, sprayer, sprayer, sprayer]);

    // Another client behind the same proxy is not refused, even when it names the throttled one.
    const client = viaProxy(neighbour, sprayer);
    expect(await client.signIn(other.username, other.password)).toBe('ok');
    expect(await auditIps(other.username)).toEqual([neighbour]);
    // The public address is https: the session cookie is Secure (and __Secure- prefixed).
    const cookie = [...client.jar.keys()].find((k) => k.includes('session-token'));
    expect(cookie).toBe('__Secure-authjs.session-token');
  });
});
