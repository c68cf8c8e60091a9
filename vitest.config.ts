// Three tiers. `npm test` (scripts/test.ts) brings up one stack (PostgreSQL, Temporal, worker, app) for the
// integration and e2e tiers and passes it to them in the environment (DATABASE_URL, TEMPORAL_ADDRESS, APP_URL …).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('./', import.meta.url));

// Against the shared stack one file at a time: the tests share one database and one worker.
const stackTier = {
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 300_000,
  environment: 'node' as const,
};

export default defineConfig({
  resolve: {
    alias: {
      '@/': root,
      // `server-only` throws outside React Server Components; tests import server modules directly.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    // A tier without test files is not a failure; scripts/test.ts reports it as "no tests".
    passWithNoTests: true,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], ...stackTier } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...stackTier } },
    ],
  },
});
