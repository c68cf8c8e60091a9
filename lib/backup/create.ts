// Writing one backup: the database snapshot first, then the file store, then the manifest and the
// checksums, in a `.partial` directory renamed into place only when complete. Idempotent per backup id: a
// retried activity finds a finished directory and only re-verifies it, or throws a half-written one away.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '@/lib/db';
import { storeRoot } from '@/lib/files/store';
import { sha256File, sha256sums, verifyDirectory, type Checksums } from './checksum';
import { backupConfig, dirNameOf } from './config';
import { dumpDatabase, type Progress } from './dump';
import { archiveFileStore } from './files-archive';
import { BACKUP_FORMAT, FILES_ARCHIVE, MANIFEST_FILE, SUMS_FILE, type Manifest } from './manifest';
import { jsonInput } from '@/lib/db/json-column';
import { readChecksums } from './json-columns';

export interface WrittenBackup {
  path: string;
  sizeBytes: number;
  files: number;
}

/** Records the backup (the API creates manual ones first; a scheduled run creates its own here). */
export async function beginBackup(db: Db, backupId: string, trigger: string): Promise<void> {
  await db.backup.upsert({ where: { id: backupId }, create: { id: backupId, trigger }, update: {} });
}

export async function writeBackup(db: Db, backupId: string, progress: Progress): Promise<WrittenBackup> {
  const config = backupConfig();
  const row = await db.backup.findUniqueOrThrow({ where: { id: backupId } });
  const final = join(config.dir, dirNameOf(backupId));
  if (row.checksums && row.path === final && existsSync(final)) {
    const check = await verifyDirectory(final, readChecksums(row.checksums));
    if (check.ok) return { path: final, sizeBytes: Number(row.sizeBytes ?? 0), files: check.checked };
  }
  const partial = `${final}.partial`;
  await rm(partial, { recursive: true, force: true });
  await rm(final, { recursive: true, force: true }); // renamed but never recorded: written again
  await mkdir(partial, { recursive: true, mode: 0o700 });

  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  let database;
  try {
    database = await dumpDatabase(client, partial, progress);
  } finally {
    await client.end();
  }
  const files = await archiveFileStore(storeRoot(), join(partial, FILES_ARCHIVE), FILES_ARCHIVE, progress);
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    backupId,
    createdAt: new Date().toISOString(),
    ...database,
    files,
  };
  await writeFile(join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2), { mode: 0o600 });

  // Read back from disk: the checksums are of what was actually written.
  const checksums: Checksums = {};
  let sizeBytes = 0;
  for (const rel of [...manifest.tables.map((t) => t.file), FILES_ARCHIVE, MANIFEST_FILE]) {
    progress({ step: 'checksum', file: rel });
    checksums[rel] = await sha256File(join(partial, rel));
    sizeBytes += (await stat(join(partial, rel))).size;
  }
  await writeFile(join(partial, SUMS_FILE), sha256sums(checksums), { mode: 0o600 });
  await rename(partial, final);
  await db.backup.update({
    where: { id: backupId },
    data: {
      path: final,
      sizeBytes,
      manifest: jsonInput(manifest),
      checksums,
    },
  });
  return { path: final, sizeBytes, files: Object.keys(checksums).length };
}

/** Closes the record; a failed backup leaves no half-written directory behind. */
export async function finishBackup(db: Db, backupId: string, error?: string): Promise<void> {
  if (error) {
    const final = join(backupConfig().dir, dirNameOf(backupId));
    await rm(`${final}.partial`, { recursive: true, force: true });
  }
  await db.backup.update({
    where: { id: backupId },
    data: { status: error ? 'FAILED' : 'SUCCEEDED', finishedAt: new Date(), error: error?.slice(0, 2000) ?? null },
  });
}
