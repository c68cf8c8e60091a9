// The wrapper of the public JSON and PDF routes this part serves (report, verification, 双公示): no sign-in,
// zod-parsed params, query and body, the public-query guard asked once before anything is read, and every
// error as problem+json with a Chinese `detail` (issue 13 contracts) — never a 500 for bad input.
// withRoute (lib/http/route.ts) cannot serve here: it requires a signed-in staff user.
import { randomUUID } from 'node:crypto';
import { ZodError, type z } from 'zod';
import { AppError } from '@/lib/errors';
import { assertNoNul, DEFAULT_JSON_BODY_BYTES, readJsonBody } from '@/lib/http/json-body';
import { assertSameOrigin } from '@/lib/http/origin';
import { admitPublicQuery, type PublicQueryKind } from '@/lib/public/guard';

interface PublicRouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  kind: PublicQueryKind;
  params?: P;
  query?: Q;
  body?: B;
  /** The captcha answer a request carries (a body field or a query parameter), for the guard. */
  captchaOf?: (input: { query: unknown; body: unknown }) => string | null | undefined;
}

export interface PublicRouteContext<P, Q, B> {
  req: Request;
  params: P;
  query: Q;
  body: B;
}

export function withPublicRoute<
  P extends z.ZodType = z.ZodAny,
  Q extends z.ZodType = z.ZodAny,
  B extends z.ZodType = z.ZodAny,
>(
  options: PublicRouteOptions<P, Q, B>,
  handler: (ctx: PublicRouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req.headers);
      const rawParams = await ctx.params;
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      assertNoNul([rawParams, rawQuery]);
      const rawBody = options.body ? await readJsonBody(req, DEFAULT_JSON_BODY_BYTES) : undefined;
      const captcha = options.captchaOf?.({ query: rawQuery, body: rawBody }) ?? null;
      const verdict = await admitPublicQuery(options.kind, { captcha });
      if (!verdict.ok) {
        const headers: Record<string, string> =
          verdict.reason === 'RATE_LIMITED' ? { 'Retry-After': String(verdict.retryAfterSeconds) } : {};
        return publicProblem(verdict.status, verdict.message, { reason: verdict.reason }, headers);
      }
      const params = options.params ? options.params.parse(rawParams) : undefined;
      const query = options.query ? options.query.parse(rawQuery) : undefined;
      const body = options.body ? options.body.parse(rawBody) : undefined;
      return await handler({ req, params, query, body } as PublicRouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>);
    } catch (err) {
      if (err instanceof ZodError) return publicProblem(400, err.issues[0]?.message ?? '请求参数不正确');
      if (err instanceof AppError) return publicProblem(err.status, err.message);
      const requestId = randomUUID();
      console.error(`[${requestId}]`, err);
      return publicProblem(500, '服务暂时不可用，请稍后重试', { requestId });
    }
  };
}

export function publicProblem(
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: 'about:blank', status, title: detail, detail, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers } },
  );
}
