// Bad requests through the real app (R-8.1, R-8.2): what a client gets wrong — malformed JSON, another
// content type, an opaque or unparsable Origin, a NUL byte in a path id, a server action from another site,
// an oversized body, a row with keys its catalog does not have — is answered 4xx with a Chinese message,
// never 500; and an upload refused after its body was streamed leaves no file in the file store.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { storeRoot } from '../../lib/files/store';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { tmpFile, uploadRows, waitForOpenTask } from '../support/fix-loop';
import { signInHttp, type HttpSession } from '../support/http-session';
import { penaltyRows } from '../support/penalty-data';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const prefix = `IH${Date.now()}-`;
let operator: HttpSession;
let other: HttpSession;
let lead: HttpSession;
let centre: HttpSession;
let fixTask: string;
let batchId: string;

beforeAll(async () => {
  batchId = await uploadRows('scjgj01', penaltyRows(2, { faultEvery: 2, prefix }), 'input-hardening.xlsx');
  fixTask = `suspect-fix-${batchId}:fix`;
  await waitForOpenTask(fixTask);
  operator = await signInHttp('scjgj01', DEMO_PASSWORD);
  other = await signInHttp('swj01', DEMO_PASSWORD);
  lead = await signInHttp('scjgj_lead', DEMO_PASSWORD);
  centre = await signInHttp('xyzx01', DEMO_PASSWORD);
});
afterAll(() => db.$disconnect());

const fixes = (task = fixTask) => `/api/tasks/${encodeURIComponent(task)}/fixes`;

async function problemOf(res: Response): Promise<{ status: number; title: string; type: string | null }> {
  const type = res.headers.get('content-type');
  const body = (await res.json()) as { title: string };
  return { status: res.status, title: body.title, type };
}

describe('client errors are not server errors', () => {
  it('R-8.1 answers malformed JSON and a text/plain body with 400/415 problem+json in Chinese', async () => {
    const bad = await operator.fetch(fixes(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"rows": [',
    });
    expect(await problemOf(bad)).toEqual({
      status: 400,
      title: '提交的内容不是有效的 JSON',
      type: 'application/problem+json',
    });

    // A body a cross-site form could send: well-formed JSON, but declared as text.
    const plain = await operator.fetch(fixes(), {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ rows: [{ itemId: randomUUID(), values: {} }] }),
    });
    expect(plain.status).toBe(415);
    expect((await problemOf(plain)).title).toContain('请求内容应为 JSON');
  });

  it('R-8.2 refuses an Origin of null or one that is not a URL with 403, before the body is read', async () => {
    for (const origin of ['null', 'http://[', 'not a url']) {
      const res = await operator.fetch(fixes(), { method: 'POST', json: { rows: [] }, headers: { origin } });
      expect(await problemOf(res), origin).toEqual({
        status: 403,
        title: '跨站请求被拒绝',
        type: 'application/problem+json',
      });
    }
  });

  it('R-8.1 answers a NUL byte in a path id or a query with 400', async () => {
    const post = await operator.fetch(fixes('abc\u0000def'), { method: 'POST', json: { rows: [] } });
    expect(post.status).toBe(400);
    expect((await problemOf(post)).title).toContain('NUL');
    const get = await operator.fetch(`/api/batches/${encodeURIComponent(`${batchId}\u0000`)}`);
    expect(get.status).toBe(400);
    const query = await lead.fetch(`/api/records?catalogId=${encodeURIComponent('x\u0000')}`);
    expect(query.status).toBe(400);
  });

  it('R-8.2 refuses a server action from another origin, a null or an unparsable one with 403', async () => {
    for (const origin of ['http://evil.example', 'null', 'http://[']) {
      const res = await operator.fetch('/login', {
        method: 'POST',
        headers: { origin, 'Next-Action': '7f'.repeat(21), 'Content-Type': 'text/plain;charset=UTF-8' },
        body: '[]',
      });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { title: string }).title).toBe('跨站请求被拒绝');
    }
    // From the app's own origin the request reaches Next (which does not know this action): not refused here.
    const own = await operator.fetch('/login', {
      method: 'POST',
      headers: { 'Next-Action': '7f'.repeat(21), 'Content-Type': 'text/plain;charset=UTF-8' },
      body: '[]',
    });
    expect(own.status).not.toBe(403);
    expect(own.status).toBeLessThan(500);
  });
});

/**
 * A POST written by hand (node:http), so that the answer can be read while the body is still being sent: a
 * server that refuses a body early closes the connection, and fetch would report that as a write error.
 */
function rawPost(
  s: HttpSession,
  path: string,
  opts: { contentLength?: number; chunks: Iterable<string> },
): Promise<{ status: number; title: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      `${APP_URL}${path}`,
      {
        method: 'POST',
        headers: {
          cookie: s.cookie(),
          origin: APP_URL,
          'content-type': 'application/json',
          ...(opts.contentLength ? { 'content-length': String(opts.contentLength) } : {}),
        },
      },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode!, title: (JSON.parse(body) as { title: string }).title });
          req.destroy();
        });
      },
    );
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunks = opts.chunks[Symbol.iterator]();
    const next = () => {
      const c = chunks.next();
      if (answered || req.destroyed) return;
      if (c.done) return void (opts.contentLength ? undefined : req.end());
      req.write(c.value, () => setImmediate(next));
    };
    next();
  });
}

describe('body limits', () => {
  it('R-8.1 refuses a JSON body over the route limit with 413, declared or streamed', async () => {
    // A fix body declared as 12 MB (rows of 3,000 keys each): refused on its Content-Length, before it is read.
    const declared = await rawPost(operator, fixes(), {
      contentLength: 12 * 1024 * 1024,
      chunks: ['{"rows": [{"itemId": "', randomUUID(), '", "values": {"k0": "x"'],
    });
    expect(declared).toEqual({ status: 413, title: '请求内容超过大小上限（4 MB）' });

    // A route with the default limit, sent chunked (no Content-Length): stopped while streaming.
    function* endless() {
      yield '{"recordIds": [], "reason": "';
      for (let i = 0; i < 1000; i++) yield ' '.repeat(64 * 1024);
    }
    const streamed = await rawPost(centre, '/api/records/feedback', { chunks: endless() });
    expect(streamed).toEqual({ status: 413, title: '请求内容超过大小上限（256 KB）' });
  });

  it('R-2.3 R-8.1 refuses a fixed row with a key its catalog has no field for, and takes the row without it', async () => {
    const item = await db.suspectItem.findFirstOrThrow({ where: { batchId, status: 'OPEN' } });
    const corrected = penaltyRows(2, { prefix })[1]!.values; // the same row without its fault
    const extra = await operator.fetch(fixes(), {
      method: 'POST',
      json: { rows: [{ itemId: item.id, values: { ...corrected, bonusField: '1' } }] },
    });
    expect(extra.status).toBe(400);
    expect((await problemOf(extra)).title).toContain('没有的字段：bonusField');
    expect((await db.suspectItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('OPEN');

    const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, '']));
    const wide = await operator.fetch(fixes(), {
      method: 'POST',
      json: { rows: [{ itemId: item.id, values: tooMany }] },
    });
    expect(wide.status).toBe(400);

    const ok = await operator.fetch(fixes(), {
      method: 'POST',
      json: { rows: [{ itemId: item.id, values: corrected }] },
    });
    expect(ok.status).toBe(200);
  });
});

describe('refused uploads leave no file', () => {
  const unique = (label: string) => Buffer.from(`行政相对人名称,处罚决定日期\n${label}-${randomUUID()},2026-01-01\n`);
  const storedPath = (content: Buffer) => {
    const sha = createHash('sha256').update(content).digest('hex');
    return join(storeRoot(), sha.slice(0, 2), sha);
  };
  const upload = (s: HttpSession, path: string, content: Buffer) =>
    s.fetch(path, { method: 'POST', body: new Uint8Array(content), headers: { 'Content-Type': 'text/csv' } });

  it('R-1.3.3 R-8.1 refuses an unknown catalog, one the department does not provide, and a bad file, storing nothing', async () => {
    const cases: [string, number][] = [
      ['/api/batches?catalog=NO_SUCH_CATALOG&filename=a.csv', 404],
      ['/api/batches?catalog=PERSON_BASIC&filename=a.csv', 403],
      ['/api/batches?catalog=ADMIN_PENALTY&filename=a.pdf', 400], // refused on its content, after storing
    ];
    for (const [path, status] of cases) {
      const content = unique(path);
      const res = await upload(operator, path, content);
      expect(res.status, path).toBe(status);
      expect(existsSync(storedPath(content)), path).toBe(false);
    }
    // A file refused as a duplicate is the earlier batch's file: that one stays.
    const earlier = readFileSync(tmpFile('input-hardening.xlsx'));
    const again = await upload(operator, '/api/batches?catalog=ADMIN_PENALTY&filename=again.xlsx', earlier);
    expect(again.status).toBe(409);
    expect(existsSync(storedPath(earlier))).toBe(true);
  });

  it('R-2.3 R-8.1 refuses an offline fix file for an unknown task or another department’s task, storing nothing', async () => {
    const cases: [HttpSession, string][] = [
      [operator, `/api/tasks/${encodeURIComponent(`suspect-fix-${randomUUID()}:fix`)}/suspects?filename=a.xlsx`],
      [other, `/api/tasks/${encodeURIComponent(fixTask)}/suspects?filename=a.xlsx`],
    ];
    for (const [s, path] of cases) {
      const content = unique(path);
      const res = await upload(s, path, content);
      expect(res.status, path).toBe(404);
      expect(existsSync(storedPath(content)), path).toBe(false);
    }
  });
});
