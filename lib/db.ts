// The one Prisma client of this process (app, worker or script), on the pg driver adapter. Created on first
// use, so importing this module (e.g. while Next builds its routes) needs no configuration.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { env } from './env';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
    // Cached on globalThis: Next.js dev reloads modules, and one pool must survive the reloads.
    globalForPrisma.prisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, prop) => {
    // Disconnecting a client that was never made (a command that stopped before it needed the database, perhaps
    // for want of configuration) has nothing to do.
    if (prop === '$disconnect' && !globalForPrisma.prisma) return async () => {};
    const real = client();
    const value = Reflect.get(real, prop, real) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

export type Db = PrismaClient;
export * from './generated/prisma/client';
