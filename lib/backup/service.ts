// The administrator's side of backups: the list with the last drills, "立即备份" and "恢复演练". Both
// write their record first, then start the workflow with an id derived from it, so a double click or a
// retry never starts two. backup:manage only (the system administrator); every request is audited.
import { randomBytes } from 'node:crypto';
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { taskQueue } from '@/lib/temporal';
import { enqueueWorkflowStart, startEnqueued } from '@/lib/workflow-starts';
import { BACKUP_WORKFLOW, RESTORE_DRILL_WORKFLOW } from '@/workflows/contracts';
import { backupConfig } from './config';

/** A backup that has run this long is taken for dead and no longer blocks a new one. */
const STALE_MS = 6 * 3_600_000;

async function requireBackupPermission(user: CurrentUser, ip: string | null, action: string): Promise<void> {
  if (user.permissions.has('backup:manage')) return;
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'backup',
    action,
    result: 'DENIED',
    detail: { needs: 'backup:manage' },
  });
  throw new ForbiddenError();
}

export async function listBackups(user: CurrentUser, ip: string | null) {
  await requireBackupPermission(user, ip, 'READ');
  const backups = await db.backup.findMany({
    orderBy: { startedAt: 'desc' },
    take: 50,
    omit: { manifest: true },
    include: { drills: { orderBy: { startedAt: 'desc' }, take: 3 } },
  });
  const config = backupConfig();
  const e = env();
  return {
    backups: backups.map((b) => ({ ...b, sizeBytes: b.sizeBytes === null ? null : Number(b.sizeBytes) })),
    settings: {
      dir: config.dir,
      keep: config.keep,
      offsiteDir: config.offsiteDir,
      offsiteKeep: config.offsiteKeep,
      schedule: e.BACKUP_INTERVAL ? `每 ${e.BACKUP_INTERVAL}` : `cron ${e.BACKUP_CRON}（UTC）`,
    },
  };
}

/** One backup with its manifest and every restore drill (the drill reports are the 8.1.4.9 evidence). */
export async function getBackup(user: CurrentUser, id: string, ip: string | null) {
  await requireBackupPermission(user, ip, 'READ');
  const backup = await db.backup.findUnique({
    where: { id },
    include: { drills: { orderBy: { startedAt: 'desc' } } },
  });
  if (!backup) throw new NotFoundError('备份不存在');
  return { ...backup, sizeBytes: backup.sizeBytes === null ? null : Number(backup.sizeBytes) };
}

export async function requestBackup(
  user: CurrentUser,
  ip: string | null,
  queue = taskQueue(),
): Promise<{ id: string }> {
  await requireBackupPermission(user, ip, 'CREATE');
  const running = await db.backup.findFirst({
    where: { status: 'RUNNING', startedAt: { gt: new Date(Date.now() - STALE_MS) } },
    select: { id: true },
  });
  if (running) throw new ConflictError('已有备份正在进行，请等待其完成', { backupId: running.id });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const id = `backup-manual-${stamp}-${randomBytes(3).toString('hex')}`;
  await db.$transaction(async (tx) => {
    await tx.backup.create({
      data: { id, trigger: 'MANUAL', requestedById: user.id, requestedByName: user.displayName },
    });
    await enqueueWorkflowStart(tx, {
      workflowType: BACKUP_WORKFLOW,
      workflowId: id,
      args: [{ trigger: 'MANUAL' }],
      taskQueue: queue,
    });
  });
  await startEnqueued(id);
  await audit(user, ip, 'CREATE', 'Backup', id);
  return { id };
}

export async function requestRestoreDrill(
  user: CurrentUser,
  backupId: string,
  ip: string | null,
  queue = taskQueue(),
): Promise<{ id: string }> {
  await requireBackupPermission(user, ip, 'RESTORE_DRILL');
  const backup = await db.backup.findUnique({ where: { id: backupId } });
  if (!backup) throw new NotFoundError('备份不存在');
  if (backup.status !== 'SUCCEEDED') throw new ConflictError('只能对成功的备份进行恢复演练');
  const busy = await db.restoreDrill.findFirst({ where: { backupId, status: 'RUNNING' }, select: { id: true } });
  if (busy) throw new ConflictError('该备份的恢复演练正在进行');
  const id = crypto.randomUUID();
  const workflowId = `restore-drill-${id}`;
  await db.$transaction(async (tx) => {
    await tx.restoreDrill.create({
      data: { id, backupId, workflowId, requestedById: user.id, requestedByName: user.displayName },
    });
    await enqueueWorkflowStart(tx, {
      workflowType: RESTORE_DRILL_WORKFLOW,
      workflowId,
      args: [{ drillId: id }],
      taskQueue: queue,
    });
  });
  await startEnqueued(workflowId);
  await audit(user, ip, 'RESTORE_DRILL', 'RestoreDrill', id, { backupId });
  return { id };
}

async function audit(
  user: CurrentUser,
  ip: string | null,
  action: string,
  objectType: string,
  objectId: string,
  detail?: Record<string, string>,
) {
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'backup',
    action,
    objectType,
    objectId,
    detail,
  });
}
