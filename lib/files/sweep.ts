// The orphan sweep of the file store: a stored file that no StoredFile row references (an upload refused
// after it was streamed, where removing it failed; a drop-folder file that was rejected; a crashed upload's
// temporary file) is removed once it is older than the grace period. Only the content-addressed files
// (<2 hex>/<sha256>) and tmp/ are looked at; the exchange drop folders are not the sweep's business.
// Idempotent: a second run finds nothing more to remove. A file younger than the grace period is never
// removed: an upload in flight writes its file before its row, and saveStream refreshes a file it reuses.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@/lib/db';
import { storeRoot } from './store';

export interface SweepResult {
  /** Paths relative to the store root. */
  removed: string[];
  kept: number;
}

const SHARD = /^[0-9a-f]{2}$/;
const CONTENT = /^[0-9a-f]{64}$/;

export async function sweepOrphanFiles(db: Db, opts: { graceMs: number; now?: Date }): Promise<SweepResult> {
  const root = storeRoot();
  const cutoff = (opts.now ?? new Date()).getTime() - opts.graceMs;
  const old = async (rel: string) => {
    const s = await stat(join(root, rel)).catch(() => null);
    return s?.isFile() === true && s.mtimeMs < cutoff;
  };
  const result: SweepResult = { removed: [], kept: 0 };
  const remove = async (rel: string) => {
    // Looked at again just before: a file reused since the listing is young again.
    if (!(await old(rel))) return void result.kept++;
    await rm(join(root, rel), { force: true });
    result.removed.push(rel);
  };

  for (const shard of (await list(root)).filter((n) => SHARD.test(n))) {
    const candidates: string[] = [];
    for (const name of await list(join(root, shard))) {
      if (CONTENT.test(name) && name.startsWith(shard) && (await old(join(shard, name)))) candidates.push(name);
      else result.kept++;
    }
    if (!candidates.length) continue;
    const referenced = new Set<string>();
    for (let i = 0; i < candidates.length; i += 1000) {
      const rows = await db.storedFile.findMany({
        where: { sha256: { in: candidates.slice(i, i + 1000) } },
        select: { sha256: true },
      });
      for (const r of rows) referenced.add(r.sha256);
    }
    for (const sha of candidates) {
      if (referenced.has(sha)) result.kept++;
      else await remove(join(shard, sha));
    }
  }
  // A temporary file is renamed or removed when its upload ends: one past the grace period is a crash's.
  for (const name of await list(join(root, 'tmp'))) await remove(join('tmp', name));
  return result;
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}
