// One wrapper for every API route handler: origin check on state-changing requests (CSRF, ./origin.ts), the
// signed-in user with the required permission, zod-parsed params, query and JSON body (size-limited, with no
// NUL characters: ./json-body.ts), and error mapping (./problem.ts).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/current-user';
import type { PermissionCode } from '@/lib/auth/permissions';
import { clientAddressOf } from './client-address';
import { assertNoNul, DEFAULT_JSON_BODY_BYTES, readJsonBody } from './json-body';
import { assertSameOrigin } from './origin';
import { problemResponse } from './problem';

interface RouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  permission?: PermissionCode;
  params?: P;
  query?: Q;
  /** JSON body schema; omit for routes that read the raw body (uploads). */
  body?: B;
  /** Largest JSON body accepted (413 above it); default DEFAULT_JSON_BODY_BYTES. */
  maxBodyBytes?: number;
}

export interface RouteContext<P, Q, B> {
  req: Request;
  user: CurrentUser;
  params: P;
  query: Q;
  body: B;
  ip: string | null;
  requestId: string;
}

export function withRoute<
  P extends z.ZodType = z.ZodAny,
  Q extends z.ZodType = z.ZodAny,
  B extends z.ZodType = z.ZodAny,
>(
  options: RouteOptions<P, Q, B>,
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response>,
) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = randomUUID();
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req.headers);
      const user = await requireUser(options.permission);
      const rawParams = await ctx.params;
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      assertNoNul([rawParams, rawQuery]);
      const params = options.params ? options.params.parse(rawParams) : undefined;
      const query = options.query ? options.query.parse(rawQuery) : undefined;
      const body = options.body
        ? options.body.parse(await readJsonBody(req, options.maxBodyBytes ?? DEFAULT_JSON_BODY_BYTES))
        : undefined;
      const ip = clientAddressOf(req.headers);
      return await handler({ req, user, params, query, body, ip, requestId } as RouteContext<
        z.infer<P>,
        z.infer<Q>,
        z.infer<B>
      >);
    } catch (err) {
      return problemResponse(err, requestId);
    }
  };
}
