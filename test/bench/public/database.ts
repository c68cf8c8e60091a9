// The public-query benchmark's database: its own embedded PostgreSQL cluster in a cache directory outside the
// checkout (~/.cache/xinyong-wuzhi/bench-public, or BENCH_PUBLIC_DIR), migrated by the real migrations, seeded
// with the demo county (catalogs, departments, staff), then COPY-loaded with 1,000,000 organisations and
// 5,000,000 published records. Generated once: a re-run finds the marker file and only starts the server.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrate } from '../../../lib/db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../scripts/dev/postgres';
import { ROOT } from '../../../scripts/dev/root';
import { loadOrCreateDevSecrets, type DevSecrets } from '../../../scripts/dev/secrets';
import { benchOrg, prng } from './names';
import { migrateBenchDatabase } from './search-migration';

export interface BenchSize {
  orgs: number;
  records: number;
}

export interface GenerationFigures extends BenchSize {
  /** Wall-clock seconds of each stage of the first build. */
  seconds: { migrateAndSeed: number; copySubjects: number; copyRecords: number; indexes: number; total: number };
  builtAt: string;
}

export interface BenchDatabase {
  pg: EmbeddedPostgres;
  url: string;
  secrets: DevSecrets;
  figures: GenerationFigures;
  /** True when this run built the database (false: reused from the cache). */
  built: boolean;
  /** Seconds this run spent applying the search migration to the cached organisations (0: done before). */
  searchMigrationSeconds: number;
}

export const BENCH_DIR = process.env.BENCH_PUBLIC_DIR ?? join(homedir(), '.cache', 'xinyong-wuzhi', 'bench-public');

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 11, 3);

export async function openBenchDatabase(size: BenchSize, log: (line: string) => void): Promise<BenchDatabase> {
  const marker = join(BENCH_DIR, `generated-${size.orgs}-${size.records}.json`);
  const secrets = loadOrCreateDevSecrets(BENCH_DIR);
  const server = await startEmbeddedPostgres({
    dataDir: join(BENCH_DIR, 'pg'),
    database: 'bench_public',
    log,
    logFile: join(BENCH_DIR, 'postgres.log'),
  });
  const url = server.url;
  if (existsSync(marker)) {
    const figures = JSON.parse(readFileSync(marker, 'utf8')) as GenerationFigures;
    log(`reusing the generated database (${marker})`);
    // Migrations added since the build (another branch merged) still apply; the search migration in bulk.
    const searchMigrationSeconds = await migrateBenchDatabase(url, log);
    return { pg: server, url, secrets, figures, built: false, searchMigrationSeconds };
  }
  try {
    const figures = await generate(url, secrets, size, log);
    writeFileSync(marker, JSON.stringify(figures, null, 2) + '\n');
    return { pg: server, url, secrets, figures, built: true, searchMigrationSeconds: 0 };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

async function generate(url: string, secrets: DevSecrets, size: BenchSize, log: (l: string) => void) {
  const t0 = performance.now();
  const since = (t: number) => (performance.now() - t) / 1000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A half-built database from an interrupted run: start over.
    await client.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
    log('migrating and seeding…');
    await migrate(url, {});
    const seed = spawnSync('npx', ['tsx', 'prisma/seed.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...secrets, DATABASE_URL: url, NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr || seed.stdout}`);
    const migrateAndSeed = since(t0);

    const { rows: cats } = await client.query<{ code: string; catalogId: string; versionId: string; deptId: string }>(
      `SELECT c.code, c.id AS "catalogId", v.id AS "versionId", p."departmentId" AS "deptId"
         FROM "Catalog" c JOIN "CatalogVersion" v ON v."catalogId" = c.id AND v.status = 'PUBLISHED'
         JOIN "CatalogProvider" p ON p."catalogId" = c.id
        WHERE c.code IN ('ADMIN_LICENSE', 'ADMIN_PENALTY')`,
    );
    const license = cats.filter((c) => c.code === 'ADMIN_LICENSE');
    const penalty = cats.filter((c) => c.code === 'ADMIN_PENALTY');
    if (!license.length || !penalty.length) throw new Error('the seed made no 行政许可/行政处罚 catalogs');
    // One batch per (catalog, department) the records name as their lineage.
    const batchOf = new Map<string, string>();
    let n = 0;
    for (const c of cats) {
      const id = randomUUID();
      await client.query(
        `INSERT INTO "ImportBatch" (id, number, "catalogVersionId", "providerDeptId", source, status, "workflowId")
         VALUES ($1, $2, $3, $4, 'CLI', 'COMPLETED', $5)`,
        [id, `BENCH-${++n}`, c.versionId, c.deptId, `bench-public-${id}`],
      );
      batchOf.set(`${c.versionId}/${c.deptId}`, id);
    }

    const dropped = await dropIndexes(client);
    log(`dropped ${dropped.length} indexes and constraints for the load`);

    let t = performance.now();
    log(`COPY ${size.orgs} organisations…`);
    const orgIds: string[] = new Array<string>(size.orgs);
    const rand = prng(13);
    await copy(
      client,
      `COPY "Subject" (id, kind, name, uscc, "orgCategory", restricted, "createdAt", "updatedAt") FROM STDIN`,
      function* () {
        const now = new Date(TODAY).toISOString();
        for (let i = 0; i < size.orgs; i++) {
          const id = randomUUID();
          orgIds[i] = id;
          const o = benchOrg(i, rand);
          yield `${id}\tORG\t${o.name}\t${o.uscc}\t${o.category}\tf\t${now}\t${now}\n`;
        }
      },
    );
    const copySubjects = since(t);
    log(`  ${copySubjects.toFixed(1)} s`);

    t = performance.now();
    log(`COPY ${size.records} records…`);
    const rr = prng(17);
    await copy(
      client,
      `COPY "CreditRecord" (id, "catalogId", "catalogVersionId", "subjectId", "providerDeptId", "naturalKey", fingerprint,
         data, "batchId", "rowNumber", "decisionDate", "publicityStart", "publicityMinEnd", "publicityEnd",
         "createdAt", "updatedAt") FROM STDIN`,
      function* () {
        for (let i = 0; i < size.records; i++) {
          // Skewed: a few organisations hold thousands of records (deep tabs), most a handful.
          const org = Math.floor(size.orgs * rr() * rr());
          const isPenalty = rr() < 0.35;
          const c = pick(rr, isPenalty ? penalty : license);
          const decided = TODAY - Math.floor(rr() * 5 * 365) * DAY;
          const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
          // Penalties: 1 or 3 years (一般/严重); licences: 5 years — most of the five years' records are in their window.
          const years = isPenalty ? (rr() < 0.7 ? 1 : 3) : 5;
          const end = decided + years * 365 * DAY;
          const doc = `武${isPenalty ? '罚' : '许'}字〔${new Date(decided).getUTCFullYear()}〕${i % 100000}号`;
          const data = isPenalty
            ? {
                decisionNumber: doc,
                violationType: '违反食品安全管理规定',
                facts: '经查，当事人未按规定落实进货查验制度',
                basis: '《中华人民共和国食品安全法》第一百二十六条',
                penaltyCategory: '03',
                fineAmount: String((i % 50) + 1),
                decisionDate: day(decided),
              }
            : {
                docName: '行政许可决定书',
                docNumber: doc,
                licenseCategory: '普通',
                licenseName: '食品经营许可证',
                licenseNumber: `JY${String(41082300000000 + i)}`,
                licenseContent: '预包装食品销售',
                decisionDate: day(decided),
                validFrom: day(decided),
                validTo: day(end),
                status: '1',
              };
          const now = new Date(decided + DAY).toISOString();
          yield (
            [
              randomUUID(),
              c.catalogId,
              c.versionId,
              orgIds[org],
              c.deptId,
              `bench:${i}`,
              ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + i.toString(16),
              JSON.stringify(data),
              batchOf.get(`${c.versionId}/${c.deptId}`),
              String(i + 1),
              day(decided),
              day(decided),
              day(decided + 90 * DAY),
              day(end),
              now,
              now,
            ].join('\t') + '\n'
          );
        }
      },
    );
    const copyRecords = since(t);
    log(`  ${copyRecords.toFixed(1)} s`);

    t = performance.now();
    log('rebuilding the indexes and constraints of the migrations…');
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const statement of dropped.reverse()) {
      const s = performance.now();
      await client.query(statement.create);
      log(`  ${statement.name}: ${since(s).toFixed(1)} s`);
    }
    await client.query('ANALYZE');
    const indexes = since(t);
    return {
      ...size,
      seconds: { migrateAndSeed, copySubjects, copyRecords, indexes, total: since(t0) },
      builtAt: new Date().toISOString(),
    };
  } finally {
    await client.end();
  }
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

async function copy(client: pg.Client, sql: string, rows: () => Generator<string>): Promise<void> {
  // Batch lines into ~1 MB chunks: one stream write per row would dominate the load.
  const source = Readable.from(
    (function* () {
      let chunk = '';
      for (const line of rows()) {
        chunk += line;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(source, client.query(copyFrom(sql)));
}

interface Dropped {
  name: string;
  create: string;
}

/**
 * Drops every index and constraint on Subject and CreditRecord (and foreign keys pointing at them), returning
 * the statements that recreate them in the order they were dropped: the definitions are the migrations' own,
 * read back from the catalog, so the benchmark's indexes are exactly the application's.
 */
async function dropIndexes(client: pg.Client): Promise<Dropped[]> {
  const tables = `('"Subject"'::regclass, '"CreditRecord"'::regclass)`;
  const dropped: Dropped[] = [];
  const { rows: fks } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND (conrelid IN ${tables} OR confrelid IN ${tables})`,
  );
  for (const fk of fks) {
    await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
    dropped.push({ name: fk.name, create: `ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.def}` });
  }
  const { rows: keys } = await client.query<{ table: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid IN ${tables}`,
  );
  for (const k of keys) {
    await client.query(`ALTER TABLE ${k.table} DROP CONSTRAINT "${k.name}"`);
    dropped.push({ name: k.name, create: `ALTER TABLE ${k.table} ADD CONSTRAINT "${k.name}" ${k.def}` });
  }
  const { rows: idx } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('Subject', 'CreditRecord')`,
  );
  for (const i of idx) {
    await client.query(`DROP INDEX "${i.name}"`);
    dropped.push({ name: i.name, create: i.def });
  }
  return dropped;
}
