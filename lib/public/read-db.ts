// The database client the public site reads through (issue 13, Protection). CONTRACT: every public page,
// the report and the verification page read only through `publicDb`, never `db`; writes (accounts, counts)
// go through `db`.
//
// Why a second Prisma client in the process (the rule is one per process, lib/db.ts): this one is not a second
// pool for the same role, it is the public read path. Its connections
//   - go to DATABASE_READ_URL (a read replica) when that is set, else to DATABASE_URL;
//   - take the role wuzhi_public_reader at connection start (startup option `role`, migration
//     20261203130800_public_protection): SELECT on what the public pages show, nothing on User, AuditLog,
//     sessions or sealed columns, no write anywhere. A login that may not take the role cannot connect at all,
//     so a misconfigured server fails closed instead of reading as the application;
//   - are read-only transactions besides (default_transaction_read_only), and a runaway public query is cut off
//     by a statement timeout instead of holding a connection.
// Same credentials as the app (or the replica URL's): no extra password to provision, the same on the embedded
// and on an external PostgreSQL.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Db } from '@/lib/db';
import { env } from '@/lib/env';

/** The read-only role of the public site (created by the migration). */
export const PUBLIC_READER_ROLE = 'wuzhi_public_reader';

const globalForPublic = globalThis as unknown as { publicPrisma?: PrismaClient };

/** The connection settings of the public read path; exported for the test that proves what the role may do. */
export function publicConnection(): { connectionString: string; options: string } {
  const e = env();
  return {
    connectionString: e.DATABASE_READ_URL ?? e.DATABASE_URL,
    options: `-c role=${PUBLIC_READER_ROLE} -c default_transaction_read_only=on -c statement_timeout=${e.PUBLIC_STATEMENT_TIMEOUT_MS}`,
  };
}

function client(): PrismaClient {
  if (!globalForPublic.publicPrisma) {
    const adapter = new PrismaPg({ ...publicConnection(), max: env().PUBLIC_DB_POOL });
    globalForPublic.publicPrisma = new PrismaClient({ adapter });
  }
  return globalForPublic.publicPrisma;
}

// Created on first use, like lib/db.ts, so importing needs no configuration (Next imports routes at build).
export const publicDb: Db = new Proxy({} as Db, {
  get: (_target, prop) => {
    if (prop === '$disconnect' && !globalForPublic.publicPrisma) return async () => {};
    const real = client();
    const value = Reflect.get(real, prop, real) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
