// Brings a cached benchmark database up to the current migrations, applying the organisation-search migration
// (*_public_search) the way a million rows need. The migration's last statement fills "SubjectNameGram" for
// every organisation already stored (~21 rows a name: ~21,000,000 here); run as written, every row would also
// update the table's primary key and subject index one at a time. So this applies the migration's own SQL in
// one transaction with those two indexes (and the foreign key) dropped before that INSERT and recreated after it
// from their catalog definitions, then records the migration in _prisma_migrations with the file's checksum, as
// lib/db/migrate.ts does. The objects are exactly the migration's; only the order of work differs. Everything
// else goes through the project's migrator. A database built from scratch (database.ts) is migrated before its
// COPY, so the statement triggers fill the grams there.
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../../lib/db/migrate';
import { ROOT } from '../../../scripts/dev/root';

const MIGRATIONS = join(ROOT, 'prisma', 'migrations');
const SEARCH = readdirSync(MIGRATIONS).find((n) => n.endsWith('_public_search'))!;
// The migration's back-fill of organisations stored before it: split off so the indexes can wait for it.
const BACKFILL_MARK = '-- Organisations stored before this migration.';

/** Returns the seconds spent on the search migration (0 when it was applied already). */
export async function migrateBenchDatabase(url: string, log: (l: string) => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let seconds = 0;
  try {
    await forgetRenamedMigrations(client, log);
    const applied = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [SEARCH]);
    if (applied.rowCount === 0) {
      await dropStaleSearchObjects(client, log);
      await migrateUpTo(url, SEARCH, log);
      const t = performance.now();
      await applySearchMigration(client, log);
      seconds = (performance.now() - t) / 1000;
    }
  } finally {
    await client.end();
  }
  const { applied } = await migrate(url, { migrationsDir: MIGRATIONS, log });
  if (applied.length) log(`applied ${applied.join(', ')}`);
  return seconds;
}

/**
 * A migration renamed (re-timestamped) on its branch after this database was built: the same file under a new
 * name. Its old row is dropped so the migrator applies the new name (issue-13 migrations are idempotent).
 */
async function forgetRenamedMigrations(c: pg.Client, log: (l: string) => void): Promise<void> {
  const local = readdirSync(MIGRATIONS);
  const suffix = (n: string) => n.replace(/^\d+_/, '');
  const { rows } = await c.query<{ name: string }>(`SELECT migration_name AS name FROM "_prisma_migrations"`);
  for (const { name } of rows) {
    if (local.includes(name) || !local.some((l) => suffix(l) === suffix(name))) continue;
    log(`forgetting ${name} (renamed since)`);
    await c.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
  }
}

/** The objects an earlier version of this benchmark built itself (grams as a TEXT[] with GIN, trigram). */
async function dropStaleSearchObjects(c: pg.Client, log: (l: string) => void): Promise<void> {
  const { rows } = await c.query<{ f: string | null }>(`SELECT to_regprocedure('credit_name_grams(text)')::text AS f`);
  if (!rows[0]!.f) return;
  log('dropping the search objects an earlier benchmark version made');
  await c.query(`DROP INDEX IF EXISTS "Subject_org_name_grams_idx", "Subject_org_name_trgm_idx", "Subject_org_name_key_idx";
    DROP FUNCTION IF EXISTS credit_name_grams(text); DROP FUNCTION IF EXISTS credit_name_key(text)`);
}

/** The migrations before `name`, through the project's migrator (it takes a directory: a copy of theirs). */
async function migrateUpTo(url: string, name: string, log: (l: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-migrations-'));
  try {
    for (const m of readdirSync(MIGRATIONS).filter((n) => n < name && !n.endsWith('.toml'))) {
      cpSync(join(MIGRATIONS, m), join(dir, m), { recursive: true });
    }
    const { applied } = await migrate(url, { migrationsDir: dir, log });
    if (applied.length) log(`applied ${applied.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function applySearchMigration(c: pg.Client, log: (l: string) => void): Promise<void> {
  const bytes = readFileSync(join(MIGRATIONS, SEARCH, 'migration.sql'));
  const sql = bytes.toString('utf8');
  const at = sql.indexOf(BACKFILL_MARK);
  if (at < 0) throw new Error(`${SEARCH}: the back-fill statement moved; update test/bench/public/search-migration.ts`);
  log(`applying ${SEARCH} with its indexes built after the back-fill (several minutes at 1,000,000 names)…`);
  const step = async (what: string, statement: string) => {
    const t = performance.now();
    await c.query(statement);
    log(`  ${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await c.query('BEGIN');
  try {
    await c.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await step('objects and Subject_org_name_key_idx', sql.slice(0, at));
    const { rows: cons } = await c.query<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = '"SubjectNameGram"'::regclass ORDER BY contype = 'p' DESC`,
    );
    const { rows: idx } = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes
        WHERE tablename = 'SubjectNameGram' AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    );
    for (const k of cons) await c.query(`ALTER TABLE "SubjectNameGram" DROP CONSTRAINT "${k.name}"`);
    for (const i of idx) await c.query(`DROP INDEX "${i.name}"`);
    await step('back-fill of SubjectNameGram', sql.slice(at));
    for (const k of cons) await step(k.name, `ALTER TABLE "SubjectNameGram" ADD CONSTRAINT "${k.name}" ${k.def}`);
    for (const i of idx) await step(i.name, i.def);
    await step('ANALYZE', `ANALYZE "SubjectNameGram"; ANALYZE "Subject"`);
    await c.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, 1)`,
      [randomUUID(), createHash('sha256').update(bytes).digest('hex'), SEARCH],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
