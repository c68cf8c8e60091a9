// Paths whose responses are about one person (the public account's self-query, the person query).
const PERSONAL_PATHS = [
  '/account',
  '/account/:path*',
  '/person',
  '/person/:path*',
  '/api/public/account/:path*',
  '/api/public/person',
  '/api/public/person/:path*',
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Temporal's client relies on constructor names and native modules: never bundle it (sdk-typescript#1489).
  serverExternalPackages: [
    '@temporalio/client',
    '@temporalio/common',
    '@temporalio/proto',
    '@temporalio/core-bridge',
    'exceljs',
    'sharp',
    'pg',
    // pdfkit reads its font metrics from files next to its own code: bundled, it would not find them.
    'pdfkit',
    '@prisma/adapter-pg',
    // svg-captcha loads its font from a file next to its own code: bundled, it would not find it.
    'svg-captcha',
    // ssh2 (under ssh2-sftp-client, for the SFTP exchange sources) loads a native addon: never bundle it.
    'ssh2',
    'ssh2-sftp-client',
  ],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole repository (tests, scripts, workflows) in CI; the app build need
  // not repeat it, and must not fail because a test or script elsewhere is mid-edit.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Security headers for every response. The Content-Security-Policy is set per request with a nonce (proxy.ts).
  async headers() {
    return [
      // Personal pages and answers (issue 13, Protection): never kept by a browser or a proxy cache. Pages are
      // also marked by proxy.ts, because Next sets its own Cache-Control on rendered pages.
      ...PERSONAL_PATHS.map((source) => ({ source, headers: [{ key: 'Cache-Control', value: 'no-store' }] })),
      {
        source: '/:path*',
        headers: [
          // HSTS on every response: browsers ignore it over plain HTTP (RFC 6797 §8.1), so it takes effect exactly
          // when the app is reached over TLS, with no build-time switch. No includeSubDomains: other hosts of the
          // county domain are not ours to pin; the TLS proxy may add it.
          { key: 'Strict-Transport-Security', value: 'max-age=31536000' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};
export default nextConfig;
