// Next's request proxy (formerly middleware), in front of the pages:
// - a POST to a page is a server action, and Next refuses one from another origin with a 500 and a stack in
//   the log: it is refused here instead, with the API's same-origin rule and a 403 in Chinese (lib/http/origin.ts);
// - every page gets a Content-Security-Policy with a fresh nonce. The policy is also set on the request, where
//   Next's renderer reads the nonce for its own scripts (lib/http/csp.ts); pages are therefore rendered per
//   request (the root layout waits for connection()).
// API routes are not matched: they check the origin themselves (lib/http/route.ts), answer JSON, and a body
// passing through the proxy is copied by Next with a size cap that would break large uploads.
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/http/csp';
import { refuseForeignAction } from '@/lib/http/origin';

export function proxy(request: NextRequest): Response {
  const refused = refuseForeignAction(request);
  if (refused) return refused;
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  // Personal pages (the public account's self-query, the person query): never stored by a browser or proxy.
  if (isPersonalPage(request.nextUrl.pathname)) response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** /account, /account/…, /person, /person/… (the same list as next.config.js's PERSONAL_PATHS, pages only). */
function isPersonalPage(pathname: string): boolean {
  return /^\/(account|person)(\/|$)/.test(pathname);
}

export const config = {
  // Built scripts, styles and images carry no markup to protect.
  matcher: ['/((?!api/|_next/static|_next/image|icon.svg).*)'],
};
