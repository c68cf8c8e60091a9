// The off-site copy (R-7.7, 等保 8.1.4.9 b): every finished backup is copied to a second place and read back
// there against the checksums recorded in the database. Transports are pluggable; the one implemented is a
// directory, which is how an off-site target is usually reached from a county server: an NFS/SMB share of
// the backup site mounted on the worker host (BACKUP_OFFSITE_DIR).
//
// SFTP is not implemented. It would be a second OffsiteTransport on `ssh2-sftp-client` (not installed):
// put = fastPut each file to `<remote>/.<name>.partial/…` then rename; verify = stream each remote file
// through SHA-256 (or run `sha256sum -c SHA256SUMS` over SSH where allowed); remove = rmdir(recursive);
// localPath = download to a temporary directory for a restore drill. Configuration would add a host key
// fingerprint (never trust on first use), a user and a private key path to lib/env.ts.
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '@/lib/db';
import { verifyDirectory, type Checksums, type VerifyResult } from './checksum';
import { backupConfig, dirNameOf, isInside } from './config';
import type { Progress } from './dump';
import { SUMS_FILE } from './manifest';
import { readChecksums } from './json-columns';

export interface OffsiteTransport {
  readonly kind: string;
  /** Copies a finished local backup; idempotent (a verified copy already there is kept). Returns its location. */
  put(localDir: string, name: string, checksums: Checksums, progress: Progress): Promise<string>;
  /** Reads the copy back and checks every file. */
  verify(location: string, checksums: Checksums): Promise<VerifyResult>;
  remove(location: string): Promise<void>;
  /** A local directory holding the copy, to restore from. */
  localPath(location: string): Promise<string>;
}

export class DirectoryTransport implements OffsiteTransport {
  readonly kind = 'directory';
  constructor(private readonly root: string) {}

  async put(localDir: string, name: string, checksums: Checksums, progress: Progress): Promise<string> {
    const target = join(this.root, name);
    if ((await this.verify(target, checksums)).ok) return target;
    const partial = join(this.root, `.${name}.partial`);
    await rm(partial, { recursive: true, force: true });
    for (const rel of [...Object.keys(checksums), SUMS_FILE]) {
      progress({ step: 'offsite', file: rel });
      await mkdir(dirname(join(partial, rel)), { recursive: true, mode: 0o700 });
      await copyFile(join(localDir, rel), join(partial, rel));
    }
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
    return target;
  }

  verify(location: string, checksums: Checksums): Promise<VerifyResult> {
    return verifyDirectory(location, checksums);
  }

  async remove(location: string): Promise<void> {
    if (!isInside(this.root, location)) throw new Error(`refusing to remove ${location}: outside ${this.root}`);
    await rm(location, { recursive: true, force: true });
  }

  async localPath(location: string): Promise<string> {
    return location;
  }
}

export function offsiteTransport(): OffsiteTransport | null {
  const dir = backupConfig().offsiteDir;
  return dir ? new DirectoryTransport(dir) : null;
}

/** Copies a backup off site and verifies the copy; the outcome is recorded either way. */
export async function copyOffsite(db: Db, backupId: string, progress: Progress): Promise<string> {
  const transport = offsiteTransport();
  if (!transport) {
    await db.backup.update({ where: { id: backupId }, data: { offsiteStatus: 'NOT_CONFIGURED' } });
    return 'NOT_CONFIGURED';
  }
  const row = await db.backup.findUniqueOrThrow({ where: { id: backupId } });
  if (!row.path || !row.checksums) throw new Error(`backup ${backupId} has no local copy to send off site`);
  const checksums = readChecksums(row.checksums);
  try {
    await mkdir(backupConfig().offsiteDir!, { recursive: true, mode: 0o700 });
    const location = await transport.put(row.path, dirNameOf(backupId), checksums, progress);
    const check = await transport.verify(location, checksums);
    if (!check.ok) throw new Error(`off-site copy differs: ${[...check.corrupt, ...check.missing].join(', ')}`);
    await db.backup.update({
      where: { id: backupId },
      data: { offsiteStatus: 'VERIFIED', offsitePath: location, offsiteVerifiedAt: new Date(), offsiteError: null },
    });
    return 'VERIFIED';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.backup.update({
      where: { id: backupId },
      data: { offsiteStatus: 'FAILED', offsiteError: message.slice(0, 2000) },
    });
    throw err;
  }
}
