// GET /api/public/captcha: a fresh captcha image (SVG) for the public site's forms. Its id goes into an
// httpOnly cookie the next query's answer is checked against (lib/public/captcha.ts); the answer stays on the
// server. Works without JavaScript: the <img> request itself sets the cookie.
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import { problemResponse } from '@/lib/http/problem';
import { CAPTCHA_COOKIE, CAPTCHA_TTL_MINUTES, issueCaptcha } from '@/lib/public/captcha';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const { id, svg } = await issueCaptcha();
    const secure = env().APP_URL.startsWith('https:') ? '; Secure' : '';
    return new Response(svg, {
      headers: {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Cache-Control': 'no-store',
        'Set-Cookie': `${CAPTCHA_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${CAPTCHA_TTL_MINUTES * 60}${secure}`,
      },
    });
  } catch (err) {
    return problemResponse(err, randomUUID());
  }
}
