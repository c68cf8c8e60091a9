// Where backups go and how many are kept, from the validated configuration (lib/env.ts).
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { env } from '@/lib/env';
import { storeRoot } from '@/lib/files/store';

export interface BackupConfig {
  /** Local backups: one directory per backup. Default: `backups` next to the file store (.data/backups). */
  dir: string;
  keep: number;
  /** A directory on another machine (a mounted share); null: no off-site copy. */
  offsiteDir: string | null;
  offsiteKeep: number;
  /** Connection for the dump and the restore drill (the drill needs CREATEDB). */
  databaseUrl: string;
}

const absolute = (p: string) => (isAbsolute(p) ? p : resolve(process.cwd(), p));

export function backupConfig(): BackupConfig {
  const e = env();
  return {
    dir: absolute(e.BACKUP_DIR ?? join(dirname(storeRoot()), 'backups')),
    keep: e.BACKUP_KEEP,
    offsiteDir: e.BACKUP_OFFSITE_DIR ? absolute(e.BACKUP_OFFSITE_DIR) : null,
    offsiteKeep: e.BACKUP_OFFSITE_KEEP,
    databaseUrl: e.BACKUP_DATABASE_URL ?? e.DATABASE_URL,
  };
}

/**
 * A backup id as a directory name: workflow ids of scheduled runs carry a timestamp with colons. One path
 * component, never `.` or `..`.
 */
export function dirNameOf(backupId: string): string {
  return backupId.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\./, '_');
}

/** Is `path` strictly inside `root`? Pruning never removes anything outside the configured directories. */
export function isInside(root: string, path: string): boolean {
  const r = resolve(root);
  const p = resolve(path);
  return p.startsWith(r + '/') && p.length > r.length + 1;
}
