// Dormant accounts (GB/T 22239 §8.1.4.2 c: 多余的、过期的账户应及时删除或停用): an account unused for a configurable
// number of days (default 90) is disabled by a nightly Temporal schedule (workflows/dormant-accounts.ts).
// The clock runs from the last sign-in, the creation or the last re-enabling, whichever is latest.
import { writeAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { auditChange, requireOperation, type AdminContext } from './guard';

export const DORMANT_DAYS_KEY = 'account.dormantDays';
export const DORMANT_DAYS_DEFAULT = 90;

export async function dormantDays(db: Db): Promise<number> {
  const row = await db.workflowSetting.findUnique({ where: { key: DORMANT_DAYS_KEY } });
  return typeof row?.value === 'number' ? row.value : DORMANT_DAYS_DEFAULT;
}

export async function setDormantDays(db: Db, ctx: AdminContext, days: number): Promise<void> {
  await requireOperation(ctx, 'settings.edit');
  const before = await dormantDays(db);
  await db.workflowSetting.upsert({
    where: { key: DORMANT_DAYS_KEY },
    create: { key: DORMANT_DAYS_KEY, value: days, label: DORMANT_LABEL, updatedById: ctx.actor.id },
    update: { value: days, updatedById: ctx.actor.id },
  });
  await auditChange(ctx, 'SETTING_UPDATE', 'WorkflowSetting', DORMANT_DAYS_KEY, { before, after: days });
}

export const DORMANT_LABEL = '长期未登录账号自动停用（天）';

/** Disables every dormant account and ends its sessions; returns the usernames disabled. */
export async function disableDormantUsers(db: Db, now = new Date()): Promise<string[]> {
  const days = await dormantDays(db);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const candidates = await db.$queryRaw<{ id: string; username: string; departmentId: string; manager: boolean }[]>`
    SELECT u.id::text, u.username, u."departmentId"::text AS "departmentId",
      EXISTS (SELECT 1 FROM "UserRole" ur JOIN "RolePermission" rp ON rp."roleId" = ur."roleId"
              WHERE ur."userId" = u.id AND rp."permissionCode" = 'admin:users') AS manager
    FROM "User" u
    WHERE u.status = 'ACTIVE' AND GREATEST(u."lastLoginAt", u."createdAt", u."reactivatedAt") < ${cutoff}`;
  // Never leave the county without an active account administrator: only they can re-enable accounts.
  const managersLeft = await db.user.count({
    where: {
      status: 'ACTIVE',
      id: { notIn: candidates.map((c) => c.id) },
      roles: { some: { role: { permissions: { some: { permissionCode: 'admin:users' } } } } },
    },
  });
  const victims = managersLeft > 0 ? candidates : candidates.filter((c) => !c.manager);
  const reason = `连续 ${days} 天未登录，系统自动停用`;
  const disabled: string[] = [];
  for (const u of victims) {
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.user.updateMany({
        where: { id: u.id, status: 'ACTIVE' },
        data: { status: 'DISABLED', disabledReason: reason, disabledAt: now, sessionVersion: { increment: 1 } },
      });
      await tx.userSession.deleteMany({ where: { userId: u.id } });
      return count;
    });
    if (!changed) continue;
    disabled.push(u.username);
    await writeAudit(db, {
      username: 'system',
      deptId: u.departmentId,
      module: 'admin',
      action: 'USER_DISABLE_DORMANT',
      objectType: 'User',
      objectId: u.id,
      detail: { username: u.username, days },
    });
  }
  return disabled;
}
