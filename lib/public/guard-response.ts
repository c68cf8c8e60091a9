// A refused public query as an HTTP answer (for the JSON routes under /api/public): problem+json with the
// guard's Chinese message in `detail` (and `title`), the status it names, and Retry-After on a 429.
import type { GuardVerdict } from './guard';

export function refusalResponse(verdict: Exclude<GuardVerdict, { ok: true }>): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' };
  if (verdict.reason === 'RATE_LIMITED') headers['Retry-After'] = String(verdict.retryAfterSeconds);
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      status: verdict.status,
      title: verdict.message,
      detail: verdict.message,
      reason: verdict.reason,
      ...(verdict.reason === 'RATE_LIMITED' ? { retryAfterSeconds: verdict.retryAfterSeconds } : {}),
      // Where a form gets the captcha image it must show now.
      ...(verdict.reason !== 'RATE_LIMITED' ? { captchaImage: '/api/public/captcha' } : {}),
    }),
    { status: verdict.status, headers },
  );
}
