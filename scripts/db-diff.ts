// `npm run db:diff -- <name>`: writes the next migration's SQL, offline. Prisma 7's `migrate dev` needs a native
// schema engine we cannot download; Prisma 6.19.3 (installed as the npm alias `prisma-diff`) diffs two schema
// files with its WebAssembly engine instead (docs/operations.md, Platform notes). The "before" schema is the copy kept in
// prisma/migrations/.schema-snapshot.prisma, refreshed each time this script writes a migration.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmbeddedPostgres } from './dev/postgres';
import { ROOT } from './dev/stack';

const SCHEMA = join(ROOT, 'prisma', 'schema.prisma');
const MIGRATIONS = join(ROOT, 'prisma', 'migrations');
const SNAPSHOT = join(MIGRATIONS, '.schema-snapshot.prisma');
const PRISMA6 = join(ROOT, 'node_modules', 'prisma-diff', 'build', 'index.js');

const args = process.argv.slice(2).filter((a) => a !== '--');
// After a migration was written or edited by hand: record the current schema as the one the migrations produce.
if (args.includes('--snapshot')) {
  copyFileSync(SCHEMA, SNAPSHOT);
  console.log('prisma/migrations/.schema-snapshot.prisma now matches prisma/schema.prisma');
  process.exit(0);
}
const rawName = args[0];
if (!rawName) {
  console.error('usage: npm run db:diff -- <migration_name>   (e.g. add_penalty_amount)');
  console.error('       npm run db:diff -- --snapshot       (the migrations already match the schema: record it)');
  process.exit(2);
}
// Prisma's convention: lowercase words joined by underscores.
const name = rawName
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_+|_+$/g, '');
if (!name) {
  console.error(`"${rawName}" leaves nothing usable as a migration name`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'xinyong-db-diff-'));
// The throwaway cluster inside runs as the OS user `postgres` when we are root: it must be able to enter.
chmodSync(work, 0o755);
let stopDb: (() => Promise<void>) | undefined;
try {
  const sql = await diff();
  if (isEmpty(sql)) {
    console.log('no changes: prisma/schema.prisma matches the last migration');
  } else {
    const dir = join(MIGRATIONS, `${nextTimestamp()}_${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'migration.sql'), sql.endsWith('\n') ? sql : sql + '\n');
    copyFileSync(SCHEMA, SNAPSHOT);
    console.log(`wrote ${join('prisma', 'migrations', dir.slice(MIGRATIONS.length + 1), 'migration.sql')}`);
    console.log('review it (add what Prisma cannot express, e.g. triggers), then `npm run db:migrate` or `npm start`');
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await stopDb?.();
  rmSync(work, { recursive: true, force: true });
}

async function diff(): Promise<string> {
  const to = join(work, 'new.prisma');
  writeFileSync(to, forPrisma6(readFileSync(SCHEMA, 'utf8')));
  let from: string[] = ['--from-empty'];
  if (existsSync(SNAPSHOT)) {
    writeFileSync(join(work, 'old.prisma'), forPrisma6(readFileSync(SNAPSHOT, 'utf8')));
    from = ['--from-schema-datamodel', join(work, 'old.prisma')];
  } else {
    console.log('no schema snapshot: diffing from an empty database');
  }

  // With engine 'js', Prisma 6 connects to the adapter's database even for a pure datamodel diff (it reads
  // nothing from it): give it a throwaway one unless DATABASE_URL names a server.
  let url = process.env.DATABASE_URL;
  if (!url) {
    const db = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), database: 'diff' });
    stopDb = db.stop;
    url = db.url;
  }
  writeConfig(url, to);

  const res = spawnSync(
    process.execPath,
    [PRISMA6, 'migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script'],
    {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        DATABASE_URL: url,
        // Point Prisma 6 at "engines" that exist so it does not try to download them; the diff never runs them.
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false',
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    },
  );
  if (res.status !== 0) throw new Error(`prisma migrate diff failed:\n${res.stderr}${res.stdout}`);
  return res.stdout;
}

/** The schema as Prisma 6 wants it: no Prisma 7 generator block, and a datasource url. */
function forPrisma6(schema: string): string {
  const withoutGenerators = schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*$/gm, '');
  return withoutGenerators.replace(/^(datasource\s+\w+\s*\{)([^}]*)\}/m, (whole, head: string, body: string) =>
    /^\s*url\s*=/m.test(body) ? whole : `${head}${body}  url      = env("DATABASE_URL")\n}`,
  );
}

function writeConfig(url: string, schema: string): void {
  // Resolved from this checkout: the temporary directory has no node_modules of its own.
  const adapter = pathToFileURL(createRequire(import.meta.url).resolve('@prisma/adapter-pg')).href;
  writeFileSync(
    join(work, 'prisma.config.ts'),
    `export default {
  experimental: { adapter: true },
  engine: 'js',
  schema: ${JSON.stringify(schema)},
  adapter: async () => {
    const { PrismaPg } = await import(${JSON.stringify(adapter)});
    return new PrismaPg({ connectionString: ${JSON.stringify(url)} });
  },
};
`,
  );
}

function isEmpty(sql: string): boolean {
  const meaningful = sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('--'));
  return meaningful.length === 0;
}

/** Prisma's YYYYMMDDHHMMSS (UTC), always after the newest existing migration. */
function nextTimestamp(): string {
  const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const newest = readdirSync(MIGRATIONS)
    .map((d) => d.slice(0, 14))
    .filter((d) => /^\d{14}$/.test(d))
    .sort()
    .at(-1);
  if (!newest || now > newest) return now;
  // Add one second to the newest (a clock behind, or two diffs within a second).
  const t = newest;
  const next = new Date(
    Date.UTC(
      +t.slice(0, 4),
      +t.slice(4, 6) - 1,
      +t.slice(6, 8),
      +t.slice(8, 10),
      +t.slice(10, 12),
      +t.slice(12, 14) + 1,
    ),
  );
  return next.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
