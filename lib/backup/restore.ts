// Loading a backup into an empty database that has the backup's schema (the restore half of ): every
// table by `COPY … FROM STDIN` in foreign-key order, so constraints are checked as the rows arrive and a
// restore that breaks referential integrity fails; then the sequences. One transaction: all or nothing.
// The application's own triggers are switched off while loading (as pg_restore --disable-triggers does):
// they guard live changes — a batch may only be opened on a published catalog version, a published version's
// fields are frozen — and history restored as it was must not be judged by today's state. Foreign keys are
// system triggers and stay on. The restoring role owns the scratch tables (it ran the migrations), so this
// needs no superuser.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Progress } from './dump';
import type { Manifest } from './manifest';

/** Tables whose rows a migration inserts (prisma/migrations/20261203121456_cms_articles/migration.sql): present in a freshly migrated target. */
const MIGRATION_REFERENCE_TABLES: readonly string[] = ['ArticleCategory'];

export interface TableResult {
  name: string;
  expected: number;
  restored: number;
  ok: boolean;
}

/** Parents before children; a self-reference (a department's parent) is checked at the end of its COPY. */
async function foreignKeyOrder(client: pg.Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = ch.relnamespace
     WHERE k.contype = 'f' AND n.nspname = current_schema()`,
  );
  const wanted = new Set(tables);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of rows) {
    if (child !== parent && wanted.has(child) && wanted.has(parent)) parents.get(child)!.add(parent);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
    if (!ready.length)
      throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !done.has(t)).join(', ')}`);
    for (const t of ready) {
      order.push(t);
      done.add(t);
    }
  }
  return order;
}

export async function loadBackup(
  client: pg.Client,
  dir: string,
  manifest: Manifest,
  progress: Progress,
): Promise<TableResult[]> {
  const present = new Set(
    (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
      )
    ).rows.map((r) => r.name),
  );
  const absent = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
  if (absent.length) throw new Error(`the schema of the backup's migrations has no table ${absent.join(', ')}`);
  const byName = new Map(manifest.tables.map((t) => [t.name, t]));
  const order = await foreignKeyOrder(client, [...byName.keys()]);

  const all = order.map((name) => client.escapeIdentifier(name));
  await client.query('BEGIN');
  try {
    for (const table of all) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const name of order) {
      const t = byName.get(name)!;
      const table = client.escapeIdentifier(name);
      // Reference rows a migration writes (the article categories) are in the backup as the source had them,
      // edits included: the backup's copy replaces the migration's. Any other row means the target is in use.
      if (MIGRATION_REFERENCE_TABLES.includes(name)) await client.query(`DELETE FROM ${table}`);
      const busy = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
      if (busy.rowCount) throw new Error(`table ${name} is not empty before the restore`);
      progress({ step: 'restore', table: name, rows: t.rows });
      const cols = t.columns.map((c) => client.escapeIdentifier(c)).join(', ');
      const copy = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN (FORMAT csv)`));
      await pipeline(createReadStream(join(dir, t.file)), createGunzip(), copy);
    }
    for (const s of manifest.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        client.escapeIdentifier(s.name),
        s.lastValue,
        s.isCalled,
      ]);
    }
    for (const table of all) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }

  const results: TableResult[] = [];
  for (const t of manifest.tables) {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${client.escapeIdentifier(t.name)}`,
    );
    const restored = Number(rows[0]!.n);
    results.push({ name: t.name, expected: t.rows, restored, ok: restored === t.rows });
  }
  return results;
}
