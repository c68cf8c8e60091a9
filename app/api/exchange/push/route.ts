// POST /api/exchange/push — a department's exchange node pushes a file (R-4.3 Web Service, R-8.1). No session:
// the node authenticates with its API key (header X-Exchange-Key) and signs the envelope with its Ed25519 key
// (lib/exchange/protocols/submission.ts). Body: { envelope, signature, content: base64 }. Answers 201 (a new
// batch), 200 (received before: nothing imported twice), or a problem with the reason (400/401/403/409/413/415/422).
// Files larger than the body limit go through the chunked transport (/api/exchange/transfers).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { acceptSubmission } from '@/lib/exchange/protocols/submission';
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
    const result = await acceptSubmission(
      {
        apiKey: req.headers.get('x-exchange-key') ?? '',
        envelope: body.data.envelope,
        signature: body.data.signature,
        content: Buffer.from(body.data.content, 'base64'),
      },
      'PUSH',
    );
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
