// What a route reads from a request before any handler runs: the JSON body within its size
// limit, of the JSON content type, well-formed and free of NUL characters; the same-origin rule for
// state-changing requests, which refuses an opaque or unparsable Origin as a foreign one.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError, ForbiddenError } from '../../lib/errors';
import { readJsonBody } from '../../lib/http/json-body';
import { assertSameOrigin } from '../../lib/http/origin';

process.env.PII_ENC_KEY ??= randomBytes(32).toString('base64');
process.env.PII_HMAC_KEY ??= randomBytes(32).toString('base64');
process.env.DATABASE_URL ??= 'postgresql://unused/unused';
process.env.APP_URL ??= 'http://localhost:3000';

const post = (body: BodyInit, type = 'application/json') =>
  new Request('http://localhost:3000/api/x', { method: 'POST', body, headers: { 'Content-Type': type } });

describe('JSON body', () => {
  it('R-8.1 parses a JSON body within the limit', async () => {
    expect(await readJsonBody(post('{"a":["b"]}'), 100)).toEqual({ a: ['b'] });
    expect(await readJsonBody(post('{}', 'application/problem+json; charset=utf-8'), 100)).toEqual({});
  });

  it('R-8.1 refuses a body over the limit, declared or streamed without a length', async () => {
    await expect(readJsonBody(post(JSON.stringify({ a: 'x'.repeat(200) })), 100)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    let n = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => (n++ < 1000 ? c.enqueue(new Uint8Array(1024).fill(32)) : c.close()),
    });
    const req = new Request('http://localhost:3000/api/x', {
      method: 'POST',
      body: endless,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    await expect(readJsonBody(req, 4096)).rejects.toThrow('请求内容超过大小上限（4 KB）');
    expect(n).toBeLessThan(10); // stopped at the limit, not read to the end
  });

  it('R-8.1 refuses malformed JSON, invalid UTF-8, another content type and NUL characters', async () => {
    await expect(readJsonBody(post('{"a": '), 100)).rejects.toThrow('提交的内容不是有效的 JSON');
    await expect(readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])), 100)).rejects.toBeInstanceOf(ValidationError);
    await expect(readJsonBody(post('{}', 'text/plain'), 100)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    await expect(readJsonBody(post('{"a":"x\\u0000"}'), 100)).rejects.toThrow('NUL');
    await expect(readJsonBody(post('{"a\\u0000":"x"}'), 100)).rejects.toThrow('NUL');
  });
});

describe('same origin', () => {
  const headers = (h: Record<string, string>) => new Headers({ host: 'localhost:3000', ...h });

  it('R-8.2 accepts the app’s own origin and refuses another, null, unparsable or missing one', () => {
    expect(() => assertSameOrigin(headers({ origin: 'http://localhost:3000' }))).not.toThrow();
    for (const origin of ['http://evil.example', 'null', 'http://[', 'localhost:3000', 'file:///etc/passwd'])
      expect(() => assertSameOrigin(headers({ origin })), origin).toThrow(ForbiddenError);
    expect(() => assertSameOrigin(headers({}))).toThrow(ForbiddenError);
    expect(() =>
      assertSameOrigin(headers({ origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' })),
    ).toThrow(ForbiddenError);
  });
});
