// The checks of a restore drill (lib/backup/drill.ts): which copy to restore, whether this installation has
// the migrations the backup was taken under, and whether every restored StoredFile finds its file.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hashArchive } from './files-archive';
import type { Manifest } from './manifest';
import { offsiteTransport } from './offsite';

export const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** Every StoredFile row of the restored database must find its file, with its content hash, in the archive. */
export async function checkFiles(client: pg.Client, archive: string) {
  const hashes = await hashArchive(archive);
  const { rows } = await client.query<{ sha256: string; storagePath: string }>(
    `SELECT sha256, "storagePath" FROM "StoredFile"`,
  );
  const missing: string[] = [];
  const corrupt: string[] = [];
  for (const r of rows) {
    const h = hashes.get(r.storagePath);
    if (h === undefined) missing.push(r.storagePath);
    else if (h !== r.sha256) corrupt.push(r.storagePath);
  }
  return {
    expected: rows.length,
    inArchive: hashes.size,
    missing: missing.slice(0, 20),
    corrupt: corrupt.slice(0, 20),
  };
}

export async function locate(b: {
  path: string | null;
  prunedAt: Date | null;
  offsitePath: string | null;
  offsiteStatus: string;
  offsitePrunedAt: Date | null;
}): Promise<{ source: 'LOCAL' | 'OFFSITE'; dir: string } | null> {
  if (b.path && !b.prunedAt && existsSync(b.path)) return { source: 'LOCAL', dir: b.path };
  const transport = offsiteTransport();
  if (transport && b.offsitePath && b.offsiteStatus === 'VERIFIED' && !b.offsitePrunedAt) {
    return { source: 'OFFSITE', dir: await transport.localPath(b.offsitePath) };
  }
  return null;
}

/** Migrations the backup was taken under that this installation does not have (or has changed). */
export async function unknownMigrations(manifest: Manifest): Promise<string[]> {
  const unknown: string[] = [];
  for (const m of manifest.migrations) {
    const file = join(MIGRATIONS, m.name, 'migration.sql');
    if (!existsSync(file)) {
      unknown.push(m.name);
      continue;
    }
    const sql = await readFile(file);
    const lf = sql.toString('utf8').replace(/\r\n/g, '\n');
    const sums = [sql, lf, lf.replace(/\n/g, '\r\n')].map((s) => createHash('sha256').update(s).digest('hex'));
    if (!sums.includes(m.checksum)) unknown.push(`${m.name}（已修改）`);
  }
  return unknown;
}

export async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
