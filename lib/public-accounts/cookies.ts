// The public realm's cookies, read from a request and written as Set-Cookie values: HttpOnly, SameSite=Lax, Secure
// when the site is served over https (APP_URL). They hold a random token or an account id, nothing personal.
import { env } from '@/lib/env';
import { PUBLIC_PENDING_COOKIE, PUBLIC_SESSION_COOKIE, SESSION_MAX_HOURS } from './session';

export function cookieOf(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function serialize(name: string, value: string, maxAgeSeconds: number): string {
  const secure = env().APP_URL.startsWith('https:') ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

export const sessionCookie = (token: string) => serialize(PUBLIC_SESSION_COOKIE, token, SESSION_MAX_HOURS * 3600);
export const clearSessionCookie = () => serialize(PUBLIC_SESSION_COOKIE, '', 0);
export const pendingCookie = (id: string) => serialize(PUBLIC_PENDING_COOKIE, id, 3600);
export const clearPendingCookie = () => serialize(PUBLIC_PENDING_COOKIE, '', 0);
