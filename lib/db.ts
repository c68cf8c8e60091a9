// The one Prisma client of this process (app, worker or script), on the pg driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForPrisma.prisma ?? createClient();
// Next.js dev reloads modules; keep one pool across reloads.
if (env().NODE_ENV !== 'production') globalForPrisma.prisma = db;

export type Db = PrismaClient;
export * from './generated/prisma/client';
