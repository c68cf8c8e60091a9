// The transport's HTTP surface, framework-free (Request → Response), so the Next routes under
// app/api/exchange/transfers/** and any other server (a test, a front-end node) answer the same way:
//   POST /api/exchange/transfers                      { manifest, signature } → the transfer's state
//   GET  /api/exchange/transfers/<id>                 → { status, received[], chunkCount }
//   PUT  /api/exchange/transfers/<id>/chunks/<index>  sealed chunk (application/octet-stream)
//   POST /api/exchange/transfers/<id>/complete        → the receipt (the import's batch)
// The node's API key is in X-Exchange-Key on every request.
import { completeTransfer, initTransfer, putChunk, transferState, type TransportAnswer } from './receiver';
import { MAX_CHUNK_SIZE } from './manifest';

export const TRANSFERS_PATH = '/api/exchange/transfers';

function answer(a: TransportAnswer): Response {
  const problem = a.status >= 400;
  return Response.json(problem ? { type: 'about:blank', ...a.body } : a.body, {
    status: a.status,
    headers: { 'Content-Type': problem ? 'application/problem+json' : 'application/json', 'Cache-Control': 'no-store' },
  });
}

async function readLimited(req: Request, max: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function handleTransportRequest(req: Request, opts: { taskQueue?: string } = {}): Promise<Response> {
  try {
    const url = new URL(req.url);
    const rest = url.pathname.startsWith(TRANSFERS_PATH) ? url.pathname.slice(TRANSFERS_PATH.length) : null;
    const apiKey = req.headers.get('x-exchange-key') ?? '';
    const parts = (rest ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    if (rest === null) return answer({ status: 404, body: { title: '地址不存在', status: 404 } });
    if (req.method === 'POST' && parts.length === 0) {
      const body = await readLimited(req, 8 * 1024 * 1024);
      if (!body) return answer({ status: 413, body: { title: '传输清单过大', status: 413 } });
      let json: { manifest?: unknown; signature?: unknown };
      try {
        json = JSON.parse(body.toString('utf8')) as typeof json;
      } catch {
        return answer({ status: 400, body: { title: '传输清单不是有效的 JSON', status: 400 } });
      }
      return answer(await initTransfer({ apiKey, manifest: json.manifest, signature: json.signature }));
    }
    if (req.method === 'GET' && parts.length === 1) return answer(await transferState(parts[0]!, apiKey));
    if (req.method === 'PUT' && parts.length === 3 && parts[1] === 'chunks') {
      // The sealed chunk is the plain chunk plus 28 bytes (IV and tag).
      const body = await readLimited(req, MAX_CHUNK_SIZE + 64);
      if (!body) return answer({ status: 413, body: { title: '分块过大', status: 413 } });
      return answer(await putChunk(parts[0]!, Number(parts[2]), apiKey, body));
    }
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'complete')
      return answer(await completeTransfer(parts[0]!, apiKey, opts.taskQueue));
    return answer({ status: 404, body: { title: '地址不存在', status: 404 } });
  } catch (err) {
    console.error('transport request failed', err);
    return answer({ status: 500, body: { title: '服务器内部错误，请稍后重试', status: 500 } });
  }
}
