// The wrapper of the public JSON endpoints (no login): the guard first (lib/public/guard.ts: rate limit,
// captcha, statistics), parameters and body checked, and every error as problem+json with a Chinese message
// (lib/http/problem.ts), never a stack trace. Like withRoute, minus the signed-in user.
import { randomUUID } from 'node:crypto';
import { assertNoNul, DEFAULT_JSON_BODY_BYTES, readJsonBody } from '@/lib/http/json-body';
import { assertSameOrigin } from '@/lib/http/origin';
import { problemResponse } from '@/lib/http/problem';
import { admitPublicQuery, type PublicQueryKind } from './guard';

export interface PublicRouteContext {
  req: Request;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export interface PublicRouteOptions {
  kind: PublicQueryKind;
  /** The personal term of the request, counted by the guard only as a keyed hash. */
  personalTerm?: (ctx: PublicRouteContext) => string | null;
}

export function withPublicRoute(options: PublicRouteOptions, handler: (ctx: PublicRouteContext) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = randomUUID();
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req.headers);
      const params = await route.params;
      const url = new URL(req.url);
      const query = Object.fromEntries(url.searchParams);
      assertNoNul([params, query]);
      const body = req.method === 'POST' ? await readJsonBody(req, DEFAULT_JSON_BODY_BYTES) : undefined;
      const ctx = { req, params, query, body };
      const verdict = await admitPublicQuery(options.kind, {
        captcha: req.headers.get('x-captcha') ?? query.captcha ?? null,
        personalTerm: options.personalTerm?.(ctx) ?? null,
      });
      if (!verdict.ok) {
        return Response.json(
          {
            type: 'about:blank',
            status: verdict.status,
            title: verdict.message,
            detail: verdict.message,
            reason: verdict.reason,
            requestId,
          },
          {
            status: verdict.status,
            headers: {
              'Content-Type': 'application/problem+json',
              'Cache-Control': 'no-store',
              ...(verdict.reason === 'RATE_LIMITED' ? { 'Retry-After': String(verdict.retryAfterSeconds) } : {}),
            },
          },
        );
      }
      return await handler(ctx);
    } catch (err) {
      return withDetail(problemResponse(err, requestId));
    }
  };
}

/** The public contract names the Chinese message `detail` (RFC 9457); lib/http/problem.ts calls it `title`. */
async function withDetail(res: Response): Promise<Response> {
  const body = (await res.json()) as { title?: string };
  return Response.json({ ...body, detail: body.title }, { status: res.status, headers: res.headers });
}
