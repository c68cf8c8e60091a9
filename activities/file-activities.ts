// File-store housekeeping run by a schedule: the sweep of stored files nothing references.
import { log } from '@temporalio/activity';
import { env } from '@/lib/env';
import { sweepOrphanFiles } from '@/lib/files/sweep';
import type { ActivityDeps } from './index';

export function createFileActivities({ db }: ActivityDeps) {
  return {
    /** Idempotent: a file already removed is not listed again; files younger than the grace period stay. */
    async sweepOrphanFiles(): Promise<{ removed: number; kept: number; sample: string[] }> {
      const { removed, kept } = await sweepOrphanFiles(db, { graceMs: env().FILE_ORPHAN_GRACE_HOURS * 3600_000 });
      for (const path of removed) log.info('removed an orphan file from the file store', { path });
      return { removed: removed.length, kept, sample: removed.slice(0, 20) };
    },
  };
}
