// The same-origin rule for state-changing requests (CSRF), shared by the API route wrapper and the proxy in
// front of server actions: a request a browser sends from another site, or from an opaque origin (a sandboxed
// frame or a data: document sends `Origin: null`), is refused with 403 before anything runs.
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import { ForbiddenError } from '@/lib/errors';
import { problemResponse } from './problem';

const REFUSED = '跨站请求被拒绝';

export function assertSameOrigin(headers: Headers): void {
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') throw new ForbiddenError(REFUSED);
  if (!origin) throw new ForbiddenError(REFUSED);
  // X-Forwarded-Host is not trusted here: the proxy's public address is configured as APP_URL.
  const allowed = new Set([headers.get('host'), new URL(env().APP_URL).host]);
  const host = hostOf(origin);
  if (!host || !allowed.has(host)) throw new ForbiddenError(REFUSED);
}

/** The host of an Origin header; null for `null` or anything else that is not an absolute URL with a host. */
function hostOf(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host || null : null;
}

/**
 * For the proxy in front of the pages: a state-changing request (a server action) that fails the same-origin
 * rule gets a 403 problem response; anything else null, to go on.
 */
export function refuseForeignAction(req: Request): Response | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  try {
    assertSameOrigin(req.headers);
    return null;
  } catch (err) {
    return problemResponse(err, randomUUID());
  }
}
