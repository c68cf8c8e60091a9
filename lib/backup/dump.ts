// A consistent logical dump without pg_dump: one REPEATABLE READ READ ONLY transaction, so every
// table is read from the same snapshot, and `COPY … TO STDOUT (FORMAT csv)` per table through pg-copy-streams,
// gzipped as it streams. The bundled PostgreSQL ships no pg_dump, and a distribution's older pg_dump refuses
// a newer server; COPY is the same protocol pg_dump itself uses for data.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DatabaseManifest, SequenceEntry, TableEntry } from './manifest';

export type Progress = (detail: Record<string, unknown>) => void;

/** Application tables of the current schema; Prisma's bookkeeping is recorded as migrations instead. */
const TABLES = `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
  ORDER BY c.relname`;
const COLUMNS = `SELECT attname AS name FROM pg_attribute
  WHERE attrelid = $1::oid AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`;
const SEQUENCES = `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`;

export async function dumpDatabase(client: pg.Client, outDir: string, progress: Progress): Promise<DatabaseManifest> {
  await mkdir(join(outDir, 'db'), { recursive: true });
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    // The snapshot is taken by the first statement; everything below reads from it.
    const head = await client.query<{ database: string; version: string; at: Date }>(
      `SELECT current_database() AS database, current_setting('server_version') AS version, now() AS at`,
    );
    const migrations = await client.query<{ name: string; checksum: string }>(
      `SELECT migration_name AS name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const tables: TableEntry[] = [];
    for (const t of (await client.query<{ oid: number; name: string }>(TABLES)).rows) {
      const columns = (await client.query<{ name: string }>(COLUMNS, [t.oid])).rows.map((c) => c.name);
      tables.push(await copyTable(client, outDir, t.name, columns, progress));
    }
    const sequences: SequenceEntry[] = [];
    for (const { name } of (await client.query<{ name: string }>(SEQUENCES)).rows) {
      const s = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${client.escapeIdentifier(name)}`,
      );
      sequences.push({ name, lastValue: s.rows[0]!.last_value, isCalled: s.rows[0]!.is_called });
    }
    await client.query('COMMIT');
    const h = head.rows[0]!;
    return {
      database: h.database,
      serverVersion: h.version,
      snapshotAt: h.at.toISOString(),
      migrations: migrations.rows,
      tables,
      sequences,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

async function copyTable(
  client: pg.Client,
  outDir: string,
  name: string,
  columns: string[],
  progress: Progress,
): Promise<TableEntry> {
  const file = `db/${name}.csv.gz`;
  const cols = columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const copy = client.query(copyTo(`COPY ${client.escapeIdentifier(name)} (${cols}) TO STDOUT (FORMAT csv)`));
  let bytes = 0;
  let reported = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes - reported > 8 * 1024 * 1024) {
        reported = bytes;
        progress({ step: 'dump', table: name, bytes });
      }
      cb(null, chunk);
    },
  });
  progress({ step: 'dump', table: name });
  await pipeline(copy, meter, createGzip(), createWriteStream(join(outDir, file), { mode: 0o600 }));
  return { name, columns, rows: copy.rowCount, file, bytes };
}
