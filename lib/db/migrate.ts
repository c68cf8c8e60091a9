// Applies prisma/migrations/<name>/migration.sql in name order, on `pg`. Prisma's own migrate needs its native
// schema engine, which cannot be downloaded on our machines (docs/operations.md, Platform notes); this runner keeps Prisma's layout and
// bookkeeping table so `prisma migrate status` agrees with it wherever the engine is available.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

export interface MigrateOptions {
  log?: (line: string) => void;
  /** Defaults to prisma/migrations under the current directory. */
  migrationsDir?: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

// The key Prisma's schema engine locks with, so this runner and a real `prisma migrate` also exclude each other.
const ADVISORY_LOCK_KEY = 72707369;

// Exactly the table Prisma creates.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const local = readMigrations(resolve(opts.migrationsDir ?? 'prisma/migrations'));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Session-level lock: a second migrator waits here until the first is done, then finds nothing left to do.
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const rows = (
      await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
      )
    ).rows.filter((r) => r.rolled_back_at === null); // a rolled-back migration is to be applied again, as in Prisma
    check(local, rows, log);

    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const migration of local) {
      if (done.has(migration.name)) continue;
      log(`applying ${migration.name}`);
      await apply(client, migration);
      applied.push(migration.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

function readMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) throw new Error(`no migrations directory at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: sha256(bytes) };
    });
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Refuses to go on from a state Prisma would refuse too: an unfinished migration or an edited applied one. */
function check(local: LocalMigration[], rows: AppliedRow[], log: (line: string) => void): void {
  const unfinished = rows.filter((r) => r.finished_at === null);
  if (unfinished.length > 0) {
    const names = unfinished.map((r) => `${r.migration_name}${r.logs ? ` (${r.logs.split('\n')[0]})` : ''}`);
    throw new Error(
      `migration(s) started but never finished: ${names.join(', ')}. Inspect the database, then either ` +
        `complete the migration by hand and set finished_at, or undo its effects and set rolled_back_at ` +
        `on its row in _prisma_migrations (what \`prisma migrate resolve\` does).`,
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of rows) {
    const migration = byName.get(row.migration_name);
    if (!migration) {
      log(`warning: ${row.migration_name} is applied to the database but missing from prisma/migrations`);
      continue;
    }
    if (!checksumMatches(migration, row.checksum)) {
      throw new Error(
        `${row.migration_name}/migration.sql was changed after it was applied (checksum ${row.checksum} in the ` +
          `database, ${migration.checksum} on disk). Restore the applied file and put the change in a new migration.`,
      );
    }
  }
}

// Prisma tolerates a checkout that turned LF into CRLF (or back); so do we.
function checksumMatches(migration: LocalMigration, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  const lf = migration.sql.replace(/\r\n/g, '\n');
  return sha256(lf) === checksum || sha256(lf.replace(/\n/g, '\r\n')) === checksum;
}

// One transaction per migration: a failure leaves neither half a schema change nor a row behind, so fixing the
// file and running again is all it takes.
async function apply(client: pg.Client, migration: LocalMigration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`migration ${migration.name} failed and was rolled back: ${describeSqlError(err, migration.sql)}`);
  }
}

function describeSqlError(err: unknown, sql: string): string {
  if (!(err instanceof Error)) return String(err);
  const position = Number((err as { position?: string }).position);
  if (!position) return err.message;
  const line = sql.slice(0, position - 1).split('\n').length;
  return `${err.message} (migration.sql line ${line})`;
}
