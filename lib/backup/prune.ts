// Keep-N retention: the newest BACKUP_KEEP successful local backups stay, older local copies are
// removed; off site the newest BACKUP_OFFSITE_KEEP stay. Only directories recorded as backups and lying
// inside the configured directories are ever removed; the records stay, marked as pruned.
import { rm } from 'node:fs/promises';
import type { Db } from '@/lib/db';
import { backupConfig, isInside } from './config';
import { offsiteTransport } from './offsite';

export interface PruneResult {
  local: string[];
  offsite: string[];
}

export async function pruneBackups(db: Db): Promise<PruneResult> {
  const config = backupConfig();
  const local = await db.backup.findMany({
    where: { status: 'SUCCEEDED', prunedAt: null, path: { not: null } },
    orderBy: { startedAt: 'desc' },
    select: { id: true, path: true },
  });
  const prunedLocal: string[] = [];
  for (const b of local.filter((b) => isInside(config.dir, b.path!)).slice(config.keep)) {
    await rm(b.path!, { recursive: true, force: true });
    await db.backup.update({ where: { id: b.id }, data: { prunedAt: new Date() } });
    prunedLocal.push(b.id);
  }

  const transport = offsiteTransport();
  const prunedOffsite: string[] = [];
  if (transport && config.offsiteDir) {
    const remote = await db.backup.findMany({
      where: { offsiteStatus: 'VERIFIED', offsitePrunedAt: null, offsitePath: { not: null } },
      orderBy: { startedAt: 'desc' },
      select: { id: true, offsitePath: true },
    });
    for (const b of remote.filter((b) => isInside(config.offsiteDir!, b.offsitePath!)).slice(config.offsiteKeep)) {
      await transport.remove(b.offsitePath!);
      await db.backup.update({ where: { id: b.id }, data: { offsitePrunedAt: new Date() } });
      prunedOffsite.push(b.id);
    }
  }
  return { local: prunedLocal, offsite: prunedOffsite };
}
