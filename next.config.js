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
    '@prisma/adapter-pg',
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // Security headers for every response; CSP is strict except for Next's inline runtime scripts and Tailwind styles.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          {
            key: 'Content-Security-Policy',
            value:
              "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
          },
        ],
      },
    ];
  },
};
export default nextConfig;
