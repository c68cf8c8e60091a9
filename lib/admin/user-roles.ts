// Several roles per user (R-7.2: one person, several posts), assigned by the security administrator.
// Refused: changing one's own roles, and a combination of roles that breaks 三权分立.
import { separationViolation } from '@/lib/auth/separation';
import { db } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, refuse, requireOperation, type AdminContext } from './guard';

export async function setUserRoles(ctx: AdminContext, userId: string, roleIds: string[]): Promise<void> {
  await requireOperation(ctx, 'user.assignRoles');
  if (userId === ctx.actor.id) await refuse(ctx, 'USER_ROLES', '不能修改自己的角色', userId);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, roles: { select: { role: { select: { code: true } } } } },
  });
  if (!user) throw new NotFoundError('用户不存在');
  const ids = [...new Set(roleIds)];
  const roles = await db.role.findMany({
    where: { id: { in: ids } },
    select: { id: true, code: true, permissions: { select: { permissionCode: true } } },
  });
  if (roles.length !== ids.length) throw new ValidationError('所选角色不存在');
  const violation = separationViolation(roles.flatMap((r) => r.permissions.map((p) => p.permissionCode)));
  if (violation) await refuse(ctx, 'USER_ROLES', violation, userId);

  await db.$transaction([
    db.userRole.deleteMany({ where: { userId } }),
    db.userRole.createMany({ data: ids.map((roleId) => ({ userId, roleId })) }),
  ]);
  await auditChange(ctx, 'USER_ROLES', 'User', userId, {
    before: user.roles.map((r) => r.role.code),
    after: roles.map((r) => r.code),
  });
}
