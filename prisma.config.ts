// Prisma 7 reads its datasource URL here; only `prisma generate` runs on this machine (docs/operations.md, Platform notes).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/xinyong' },
});
