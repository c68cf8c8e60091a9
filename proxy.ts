// In front of the pages: a POST to a page is a server action, and Next refuses one from another origin with a
// 500 and a stack in the log. Refuse it here instead, with the API's same-origin rule and a 403 in Chinese.
// (API routes check the origin themselves in lib/http/route.ts; Auth.js guards its own routes.)
import { type NextRequest, NextResponse } from 'next/server';
import { refuseForeignAction } from '@/lib/http/origin';

export function proxy(request: NextRequest) {
  return refuseForeignAction(request) ?? NextResponse.next();
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image).*)'],
};
