// The Content-Security-Policy of every page: scripts run only with this response's nonce (Next puts it on
// its own scripts, reading it from the request's policy), so an injected inline script or a script from
// another origin does not run. Styles stay 'unsafe-inline': Tailwind and React set style attributes.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one response: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': what the nonce-bearing scripts load (Next's chunks) is trusted; 'self' is ignored by
    // browsers that know it. React's development build needs eval for its error overlay, never production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
