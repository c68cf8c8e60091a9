// POST /api/exchange/city/inbound — the city platform distributes a file to the county. No session: the
// city node authenticates with its API key (header X-Exchange-Key) and signs the envelope with its Ed25519 key,
// exactly as a department's push (lib/exchange/city/inbound.ts), and only a node registered as the city platform
// is accepted. Body: { envelope, signature, content: base64 }. Answers 201 (a new batch), 200 (received before:
// nothing imported twice), or a problem with the reason (400/401/403/409/413/422).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { acceptCityFile } from '@/lib/exchange/city/inbound';
import { readJsonBody } from '@/lib/http/json-body';
import { problemResponse } from '@/lib/http/problem';

export const runtime = 'nodejs';

const PUSH_BODY_BYTES = 32 * 1024 * 1024;
const bodySchema = z.object({
  envelope: z.unknown(),
  signature: z.unknown().optional(),
  content: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 Base64'),
});

export async function POST(req: Request): Promise<Response> {
  const requestId = randomUUID();
  try {
    const body = bodySchema.safeParse(await readJsonBody(req, PUSH_BODY_BYTES));
    if (!body.success) throw new ValidationError('提交内容应包含 envelope、signature 和 Base64 编码的 content');
    const result = await acceptCityFile({
      apiKey: req.headers.get('x-exchange-key') ?? '',
      envelope: body.data.envelope,
      signature: body.data.signature,
      content: Buffer.from(body.data.content, 'base64'),
    });
    if (!result.ok)
      return Response.json(
        { type: 'about:blank', status: result.status, title: result.reason, requestId },
        { status: result.status, headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' } },
      );
    return Response.json(result.result, { status: result.status, headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    return problemResponse(err, requestId);
  }
}
