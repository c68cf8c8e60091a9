// GET /api/public/admission?kind=SEARCH&captcha=… (or POST { kind, captcha, personalTerm }, the way a person
// query carries its identifiers: never in a URL): asks the guard exactly as a public query of that kind would,
// and answers 200 { ok: true } or the refusal (429 with Retry-After, 403 asking for the captcha). It reads
// nothing else: the protection's own test and the benchmark use it to see the guard alone.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_JSON_BODY_BYTES, readJsonBody } from '@/lib/http/json-body';
import { assertSameOrigin } from '@/lib/http/origin';
import { problemResponse } from '@/lib/http/problem';
import { admitPublicQuery, type PublicQueryKind } from '@/lib/public/guard';
import { refusalResponse } from '@/lib/public/guard-response';

export const dynamic = 'force-dynamic';

const KINDS = [
  'SEARCH',
  'CODE_LOOKUP',
  'PROFILE',
  'RECORD',
  'PUBLICITY_LIST',
  'PERSON',
  'SELF_QUERY',
  'REPORT',
  'REPORT_VERIFY',
  'ACCOUNT',
] as const satisfies readonly PublicQueryKind[];

const querySchema = z.object({
  kind: z.enum(KINDS, { message: '查询类型不正确' }).default('SEARCH'),
  captcha: z.string().max(16, '验证码不正确').optional(),
});

const bodySchema = querySchema.extend({ personalTerm: z.string().max(200, '查询内容过长').optional() });

export async function GET(req: Request): Promise<Response> {
  try {
    const query = querySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return await admit(query.kind, { captcha: query.captcha });
  } catch (err) {
    return problemResponse(err, randomUUID());
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req.headers);
    const body = bodySchema.parse(await readJsonBody(req, DEFAULT_JSON_BODY_BYTES));
    return await admit(body.kind, { captcha: body.captcha, personalTerm: body.personalTerm });
  } catch (err) {
    return problemResponse(err, randomUUID());
  }
}

async function admit(kind: PublicQueryKind, options: { captcha?: string; personalTerm?: string }) {
  const verdict = await admitPublicQuery(kind, options);
  if (!verdict.ok) return refusalResponse(verdict);
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
