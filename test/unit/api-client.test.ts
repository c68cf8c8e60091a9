// The client side's one fetch helper against a real HTTP server: what a user reads when a request is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, problemMessage } from '../../app/_lib/api-client';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/problem+json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (req.url === '/ok') return send(200, JSON.stringify({ echo: JSON.parse(raw || 'null'), method: req.method }));
      if (req.url === '/invalid')
        return send(
          400,
          JSON.stringify({
            status: 400,
            title: '提交的数据格式不正确',
            invalidParams: [
              { name: 'a', reason: '不能为空' },
              { name: 'b', reason: '不能为空' },
              { name: 'c', reason: '不能超过1000个字' },
            ],
          }),
        );
      if (req.url === '/conflict')
        return send(409, JSON.stringify({ status: 409, title: '任务已被他人认领', details: { rows: [1] } }));
      if (req.url === '/proxy') return send(502, '<html>Bad Gateway</html>', 'text/html');
      send(404, '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('callApi', () => {
  it('sends JSON as a POST and answers the parsed body', async () => {
    const res = await callApi(`${base}/ok`, { json: { x: 1 } });
    expect(res).toEqual({ ok: true, status: 200, data: { echo: { x: 1 }, method: 'POST' } });
  });

  it('shows the server’s Chinese title with each distinct field reason of a 400', async () => {
    const res = await callApi(`${base}/invalid`, { json: {} });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toBe('提交的数据格式不正确：不能为空；不能超过1000个字');
  });

  it('keeps the problem’s details for per-row messages', async () => {
    const res = await callApi(`${base}/conflict`, { method: 'POST' });
    expect(res).toEqual({ ok: false, status: 409, message: '任务已被他人认领', details: { rows: [1] } });
  });

  it('answers a generic message when the body is not ours (a proxy’s error page)', async () => {
    const res = await callApi(`${base}/proxy`);
    expect(res.ok === false && res.message).toBe('操作失败，请稍后重试');
  });

  it('treats an answer of the wrong shape as a failure', async () => {
    const res = await callApi(`${base}/ok`, {
      json: {},
      accept: (d): d is { id: string } => !!d && typeof d === 'object' && 'id' in d,
    });
    expect(res.ok === false && res.message).toBe('操作失败，请稍后重试');
  });

  it('words a network failure for the action, as status 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const res = await callApi(`http://127.0.0.1:${port}/`, { json: {}, networkError: '网络错误，上传失败，请重试' });
    expect(res).toEqual({ ok: false, status: 0, message: '网络错误，上传失败，请重试', details: undefined });
  });
});

describe('problemMessage', () => {
  it('tells a signed-out user to sign in again when the answer carries no title', () => {
    expect(problemMessage(401, null)).toBe('登录已过期，请重新登录');
  });
});
