// SHA-256 of backup files, and the check of a backup directory against the checksums recorded in the
// database (Backup.checksums): a corrupted, truncated or missing file is found before anything trusts it.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export type Checksums = Record<string, string>;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** Files whose content no longer matches. */
  corrupt: string[];
  missing: string[];
}

export async function verifyDirectory(dir: string, checksums: Checksums): Promise<VerifyResult> {
  const corrupt: string[] = [];
  const missing: string[] = [];
  for (const [rel, expected] of Object.entries(checksums)) {
    const actual = await sha256File(join(dir, rel)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (actual === null) missing.push(rel);
    else if (actual !== expected) corrupt.push(rel);
  }
  return { ok: !corrupt.length && !missing.length, checked: Object.keys(checksums).length, corrupt, missing };
}

/** The `sha256sum -c` file of a backup, so an operator can check a copy with standard tools. */
export function sha256sums(checksums: Checksums): string {
  return Object.entries(checksums)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rel, sha]) => `${sha}  ${rel}\n`)
    .join('');
}
