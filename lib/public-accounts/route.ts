// The wrapper of every public-account API route (app/api/public/account/**): the public guard first
// (admitPublicQuery, lib/public/guard.ts), the same-origin rule on state-changing requests, zod-parsed JSON
// bodies and params, the public session when the route needs one (never the staff session: the two realms do
// not share a cookie), problem+json errors, and Cache-Control: no-store on every answer.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { UnauthorizedError } from '@/lib/errors';
import { clientAddressOf } from '@/lib/http/client-address';
import { assertNoNul, DEFAULT_JSON_BODY_BYTES, readJsonBody } from '@/lib/http/json-body';
import { assertSameOrigin } from '@/lib/http/origin';
import { problemResponse } from '@/lib/http/problem';
import { admitPublicQuery, type PublicQueryKind } from '@/lib/public/guard';
import { cookieOf } from './cookies';
import { PUBLIC_SESSION_COOKIE, readPublicSession, type PublicAccountSession } from './session';

interface PublicRouteOptions<B extends z.ZodType, P extends z.ZodType> {
  kind: PublicQueryKind;
  /** The handler needs a signed-in public account (401 otherwise). */
  signedIn?: boolean;
  body?: B;
  params?: P;
}

export interface PublicRouteContext<B, P> {
  req: Request;
  account: PublicAccountSession | null;
  body: B;
  params: P;
  ip: string | null;
  cookie(name: string): string | undefined;
}

export function withPublicRoute<B extends z.ZodType = z.ZodAny, P extends z.ZodType = z.ZodAny>(
  options: PublicRouteOptions<B, P>,
  handler: (ctx: PublicRouteContext<z.infer<B>, z.infer<P>>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = randomUUID();
    let res: Response;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req.headers);
      const verdict = await admitPublicQuery(options.kind);
      if (!verdict.ok) {
        res = Response.json(
          { type: 'about:blank', status: verdict.status, title: verdict.message, reason: verdict.reason, requestId },
          {
            status: verdict.status,
            headers: {
              'Content-Type': 'application/problem+json',
              ...(verdict.reason === 'RATE_LIMITED' ? { 'Retry-After': String(verdict.retryAfterSeconds) } : {}),
            },
          },
        );
      } else {
        const cookies = req.headers.get('cookie');
        const account = await readPublicSession(cookieOf(cookies, PUBLIC_SESSION_COOKIE));
        if (options.signedIn && !account) throw new UnauthorizedError('请先登录个人账号');
        const rawParams = await ctx.params;
        assertNoNul([rawParams]);
        const params = options.params ? options.params.parse(rawParams) : undefined;
        let body: unknown;
        if (options.body) {
          const raw = await readJsonBody(req, DEFAULT_JSON_BODY_BYTES);
          assertNoNul([raw]);
          body = options.body.parse(raw);
        }
        res = await handler({
          req,
          account,
          body,
          params,
          ip: clientAddressOf(req.headers),
          cookie: (name) => cookieOf(cookies, name),
        } as PublicRouteContext<z.infer<B>, z.infer<P>>);
      }
    } catch (err) {
      res = problemResponse(err, requestId);
    }
    res.headers.set('Cache-Control', 'no-store');
    return res;
  };
}
