// One wrapper for every API route handler: origin check on state-changing requests (CSRF), the signed-in
// user with the required permission, zod-parsed params, query and JSON body, and error mapping.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { requireUser, type CurrentUser } from '@/lib/auth/current-user';
import type { PermissionCode } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { ForbiddenError } from '@/lib/errors';
import { clientAddressOf } from './client-address';
import { problemResponse } from './problem';

interface RouteOptions<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  permission?: PermissionCode;
  params?: P;
  query?: Q;
  /** JSON body schema; omit for routes that read the raw body (uploads). */
  body?: B;
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
      if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req);
      const user = await requireUser(options.permission);
      const params = options.params ? options.params.parse(await ctx.params) : undefined;
      const query = options.query ? options.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const body = options.body ? options.body.parse(await req.json()) : undefined;
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

// Route handlers have no built-in CSRF protection: a state-changing request must come from our own pages.
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') throw new ForbiddenError('跨站请求被拒绝');
  if (!origin) throw new ForbiddenError('跨站请求被拒绝');
  // X-Forwarded-Host is not trusted here: the proxy's public address is configured as APP_URL.
  const allowed = new Set([req.headers.get('host'), new URL(env().APP_URL).host]);
  if (!allowed.has(new URL(origin).host)) throw new ForbiddenError('跨站请求被拒绝');
}
