// Next's request proxy (formerly middleware): a Content-Security-Policy with a fresh nonce on every response.
// The policy is also set on the request, where Next's renderer reads the nonce for its own scripts
// (lib/http/csp.ts). Pages must therefore be rendered per request: the root layout waits for connection().
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/http/csp';

export function proxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Built scripts, styles and images carry no markup to protect.
  matcher: ['/((?!_next/static|_next/image|icon.svg).*)'],
};
