// Protection of the public site (issue 13), over HTTP against a real app: the per-address query limit (429
// with Retry-After, in Chinese), the captcha after repeated queries (wrong answer refused, right answer admits
// once, no replay), every admitted query counted in the statistics with no searched identifier stored,
// the read-only database role of the public read path, and no-store on personal pages.
// The guard is reached through GET/POST /api/public/admission, which asks it exactly as a public query does.
// A second app process on the stack's database and build runs with small limits (the stack's own app has
// them off); each case queries from a loopback address of its own (test/support/loopback-client.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayKeyOf } from '../../lib/calendar/workdays';
import { unseal } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { makeIdNumber } from '../../lib/identifiers/id-number';
import { publicConnection, publicDb } from '../../lib/public/read-db';
import { publicQueryStats } from '../../lib/public/query-stats';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { appLogin } from '../../scripts/dev/app-role';
import { startApp } from '../../scripts/dev/next-app';
import { freePort, stopService, type Service } from '../../scripts/dev/processes';
import { ROOT } from '../../scripts/dev/root';
import { signInHttp } from '../support/http-session';
import { LoopbackClient, loopbackRequest } from '../support/loopback-client';

const APP_URL = (process.env.APP_URL ?? 'http://localhost:3000').replace('localhost', '127.0.0.1');
const LIMIT = 30;
const CAPTCHA_AFTER = 3;

let nextHost = 2 + (Date.now() % 60) * 4;
const loopback = () => `127.0.1.${nextHost++ % 250}`;

let app: Service;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  app = await startApp({
    root: ROOT,
    env: {
      ...process.env,
      PUBLIC_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      PUBLIC_CAPTCHA_AFTER: String(CAPTCHA_AFTER),
      PUBLIC_CAPTCHA_WINDOW_MINUTES: '10',
    },
    log: () => {},
    echo: false,
    logDir: mkdtempSync(join(tmpdir(), 'xinyong-guard-app-')),
    port,
    url,
    requireLogin: false,
  });
}, 180_000);

afterAll(async () => {
  if (app) await stopService(app);
  await publicDb.$disconnect();
  await db.$disconnect();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { ok?: boolean; reason?: string; detail?: string; title?: string };
}

async function ask(client: LoopbackClient, kind = 'SEARCH', captcha?: string): Promise<Answer> {
  const qs = new URLSearchParams({ kind, ...(captcha !== undefined ? { captcha } : {}) });
  const res = await client.fetch(`/api/public/admission?${qs}`);
  const retryAfter = res.headers['retry-after'];
  return {
    status: res.status,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
    body: JSON.parse(res.body) as Answer['body'],
  };
}

/** The captcha the client's cookie names: its image is fetched, its answer read back from the server's table. */
async function captchaAnswer(client: LoopbackClient): Promise<string> {
  const image = await client.fetch('/api/public/captcha');
  expect(image.status).toBe(200);
  expect(image.body).toContain('<svg');
  const cookie = image.setCookies.find((c) => c.startsWith('wz_captcha='));
  expect(cookie).toMatch(/HttpOnly/i);
  const id = client.jar.get('wz_captcha')!;
  const rows = await db.$queryRaw<
    { answerHash: string }[]
  >`SELECT "answerHash" FROM "PublicCaptcha" WHERE id = ${id}::uuid`;
  const answer = unseal(rows[0]!.answerHash);
  // The answer is not in the image's markup (drawn as paths), nor in any cookie.
  expect(image.body).not.toContain(`>${answer}<`);
  expect(cookie).not.toContain(answer);
  return answer;
}

describe('the query limit and the captcha', () => {
  it('R-6.1 refuses an address over the per-minute limit with 429, Retry-After and a Chinese message; another address is not affected', async () => {
    const client = new LoopbackClient(url, loopback());
    let refused: Answer | undefined;
    for (let i = 0; i < LIMIT + 5 && !refused; i++) {
      const a = await ask(client);
      if (a.status === 429) refused = a;
      else expect([200, 403]).toContain(a.status); // past CAPTCHA_AFTER it asks for the captcha
    }
    expect(refused?.body.reason).toBe('RATE_LIMITED');
    expect(refused?.body.detail).toMatch(/^查询过于频繁，请 \d+ 秒后再试。$/);
    expect(refused?.retryAfter).toMatch(/^\d+$/);
    expect(refused?.body.detail).toContain(`请 ${refused?.retryAfter} 秒后`);
    const other = await ask(new LoopbackClient(url, loopback()));
    expect(other.status).toBe(200);
  });

  it('R-6.1 asks for a captcha after repeated queries: a wrong answer is refused and uses the captcha up, a right one admits once and cannot be replayed', async () => {
    const client = new LoopbackClient(url, loopback());
    for (let i = 0; i < CAPTCHA_AFTER; i++) expect((await ask(client)).status).toBe(200);
    const asked = await ask(client);
    expect(asked.status).toBe(403);
    expect(asked.body.reason).toBe('CAPTCHA_REQUIRED');
    expect(asked.body.detail).toContain('验证码');

    // A wrong answer, then the right answer to the same (now used) captcha: both refused.
    const first = await captchaAnswer(client);
    const wrong = await ask(client, 'SEARCH', first === 'abcd' ? 'abce' : 'abcd');
    expect(wrong.status).toBe(403);
    expect(wrong.body.reason).toBe('CAPTCHA_WRONG');
    expect((await ask(client, 'SEARCH', first)).body.reason).toBe('CAPTCHA_WRONG');

    // A new captcha, answered in upper case (not case-sensitive): admitted.
    const second = await captchaAnswer(client);
    const cookieOfSecond = client.jar.get('wz_captcha')!;
    expect((await ask(client, 'SEARCH', ` ${second.toUpperCase()} `)).status).toBe(200);
    // A fresh run of CAPTCHA_AFTER queries before the captcha is asked again…
    for (let i = 0; i < CAPTCHA_AFTER; i++) expect((await ask(client)).status).toBe(200);
    // …and then the solved captcha replayed (same cookie, same answer) is refused.
    client.jar.set('wz_captcha', cookieOfSecond);
    const replay = await ask(client, 'SEARCH', second);
    expect(replay.status).toBe(403);
    expect(replay.body.reason).toBe('CAPTCHA_WRONG');
  });

  it('R-6.1 a form without JavaScript gets the captcha image, and a malformed query to the guard is a 400 in Chinese', async () => {
    const res = await loopbackRequest(`${url}/api/public/captcha`, { from: loopback() });
    expect(res.status).toBe(200);
    const bad = await loopbackRequest(`${url}/api/public/admission?kind=DROP%20TABLE`, { from: loopback() });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('查询类型不正确');
  });
});

describe('statistics and personal identifiers', () => {
  it('R-2.4 counts every admitted public query per kind and day; the statistics page shows them', async () => {
    const today = dayKeyOf(new Date());
    const before = await publicQueryStats(today, today);
    const countOf = (s: typeof before, kind: string) => s.byKind.find((k) => k.kind === kind)?.count ?? 0;
    const client = new LoopbackClient(url, loopback());
    for (const kind of ['PROFILE', 'PROFILE', 'REPORT_VERIFY']) expect((await ask(client, kind)).status).toBe(200);
    let after = before;
    for (let i = 0; i < 50 && countOf(after, 'PROFILE') < countOf(before, 'PROFILE') + 2; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await publicQueryStats(today, today);
    }
    expect(countOf(after, 'PROFILE') - countOf(before, 'PROFILE')).toBe(2);
    expect(countOf(after, 'REPORT_VERIFY') - countOf(before, 'REPORT_VERIFY')).toBe(1);

    const staff = await signInHttp('xyzx01', DEMO_PASSWORD);
    const page = await (await staff.fetch(`/stats?from=${today}&to=${today}`)).text();
    expect(page).toContain('公众查询（信用武陟网站）');
    expect(page).toContain('主体信息');
  });

  it('R-6.1 R-8.1 a person query leaves no searched 身份证号 or name in clear anywhere in the database', async () => {
    const idNumber = makeIdNumber('410823', '19870314', String(100 + (Date.now() % 800)));
    const name = `查询人${Date.now() % 100000}`;
    const res = await loopbackRequest(`${url}/api/public/admission`, {
      from: loopback(),
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ kind: 'PERSON', personalTerm: `${name} ${idNumber}` }),
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500)); // past the counts' write interval
    const tables = await db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT format('%I', tablename) AS t FROM pg_tables WHERE schemaname = current_schema()`,
    );
    for (const { t } of tables) {
      const found = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${t} x WHERE x::text LIKE $1 OR x::text LIKE $2`,
        `%${idNumber}%`,
        `%${name}%`,
      );
      expect({ table: t, rows: found[0]!.n }).toEqual({ table: t, rows: 0 });
    }
  });
});

describe('the public read path', () => {
  it('R-2.5 publicDb reads what the public site shows and nothing else: no User, no sealed column, no write', async () => {
    expect(await publicDb.subject.count()).toBeGreaterThan(0);
    await publicDb.subject.findFirst({ select: { id: true, name: true, uscc: true, restricted: true } });
    await publicDb.creditRecord.findFirst({ select: { id: true, data: true, publicityEnd: true } });
    await expect(publicDb.user.findFirst()).rejects.toThrow(/permission denied/);
    await expect(publicDb.auditLog.findFirst()).rejects.toThrow(/permission denied/);
    await expect(publicDb.userSession.findFirst()).rejects.toThrow(/permission denied/);
    await expect(publicDb.subject.findFirst({ select: { idNumberSealed: true } })).rejects.toThrow(/permission denied/);
    await expect(publicDb.creditRecord.findFirst({ select: { sealed: true } })).rejects.toThrow(/permission denied/);
    const dept = await db.department.findFirstOrThrow();
    await expect(publicDb.department.update({ where: { id: dept.id }, data: { name: 'x' } })).rejects.toThrow(
      /read-only transaction|permission denied/,
    );
    await expect(publicDb.$executeRawUnsafe(`DELETE FROM "PublicQueryBucket"`)).rejects.toThrow(
      /read-only transaction|permission denied/,
    );
  });

  it("R-2.5 the application's own login (a member of xinyong_app) takes the read-only role, which may not write even outside a read-only transaction", async () => {
    const login = await appLogin(process.env.DATABASE_URL!, `guard_${Date.now() % 100000}`, () => {});
    if (!login) return; // a server where the migrating role may not create roles: nothing to prove here
    const { options } = publicConnection();
    const client = new pg.Client({
      connectionString: login.url,
      options: options.replace(/-c default_transaction_read_only=on/, ''),
    });
    try {
      await client.connect();
      const who = await client.query<{ role: string }>('SELECT current_user AS role');
      expect(who.rows[0]!.role).toBe('wuzhi_public_reader');
      expect((await client.query('SELECT count(*) FROM "Subject"')).rows).toHaveLength(1);
      await expect(client.query('SELECT * FROM "User" LIMIT 1')).rejects.toThrow(/permission denied/);
      await expect(client.query(`UPDATE "Catalog" SET name = name`)).rejects.toThrow(/permission denied/);
      await expect(
        client.query(`INSERT INTO "PublicQueryCount" (day, kind, count) VALUES (now(), 'X', 1)`),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
      await login.drop();
    }
  });
});

describe('no-store on personal pages', () => {
  it('R-6.1 the account and person pages and their API answers are never cached', async () => {
    for (const path of ['/account', '/account/records', '/person', '/api/public/person', '/api/public/account/me']) {
      const res = await fetch(`${APP_URL}${path}`, { redirect: 'manual' });
      expect({ path, cache: res.headers.get('cache-control') }).toEqual({
        path,
        cache: expect.stringContaining('no-store') as string,
      });
    }
  });
});
