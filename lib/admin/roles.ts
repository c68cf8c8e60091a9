// Roles: create, edit, delete, function permissions and data scope, by the security administrator.
// 三权分立 is checked on the role itself and on everyone who holds it together with other roles; a role
// the actor holds cannot be changed by them (no granting oneself more).
import { PERMISSION_CODES } from '@/lib/auth/permissions';
import { separationViolation } from '@/lib/auth/separation';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, conflictOn, refuse, requireAnyPermission, requireOperation, type AdminContext } from './guard';
import type { RoleCreate, RoleUpdate } from './schemas';

export async function listRoles(ctx: AdminContext) {
  await requireAnyPermission(ctx, 'admin:roles', 'admin:users');
  const roles = await db.role.findMany({
    orderBy: [{ builtin: 'desc' }, { code: 'asc' }],
    include: { permissions: true, _count: { select: { users: true } } },
  });
  return roles.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    dataScope: r.dataScope,
    builtin: r.builtin,
    userCount: r._count.users,
    permissions: r.permissions.map((p) => p.permissionCode),
  }));
}

export async function getRoleDetail(ctx: AdminContext, id: string) {
  await requireAnyPermission(ctx, 'admin:roles');
  const role = await db.role.findUnique({
    where: { id },
    include: {
      permissions: true,
      sharedDepartments: { include: { department: { select: { id: true, name: true } } } },
      columnGrants: true,
      users: { include: { user: { select: { id: true, username: true, displayName: true } } } },
    },
  });
  if (!role) throw new NotFoundError('角色不存在');
  return {
    ...role,
    permissions: role.permissions.map((p) => p.permissionCode),
    sharedDepartments: role.sharedDepartments.map((s) => s.department),
    users: role.users.map((u) => u.user),
  };
}

export async function createRole(ctx: AdminContext, input: RoleCreate) {
  await requireOperation(ctx, 'role.create');
  await checkPermissions(ctx, input.permissions);
  const shared = input.dataScope === 'SHARED' ? await existingDepartments(input.sharedDepartmentIds) : [];
  const role = await db.role
    .create({
      data: {
        code: input.code,
        name: input.name,
        description: input.description ?? null,
        dataScope: input.dataScope,
        permissions: { create: input.permissions.map((permissionCode) => ({ permissionCode })) },
        sharedDepartments: { create: shared.map((departmentId) => ({ departmentId })) },
      },
    })
    .catch((e: unknown) => conflictOn(e, `角色编码“${input.code}”已存在`));
  await auditChange(ctx, 'ROLE_CREATE', 'Role', role.id, {
    code: role.code,
    dataScope: role.dataScope,
    permissions: input.permissions,
    sharedDepartmentIds: shared,
  });
  return role;
}

export async function updateRole(ctx: AdminContext, id: string, input: RoleUpdate) {
  await requireOperation(ctx, 'role.edit');
  const before = await getRoleDetail(ctx, id);
  if (before.users.some((u) => u.id === ctx.actor.id)) await refuse(ctx, 'ROLE_UPDATE', '不能修改自己所持有的角色', id);
  const permissions = input.permissions ?? before.permissions;
  await checkPermissions(ctx, permissions);
  await checkHolders(ctx, id, permissions);
  const dataScope = input.dataScope ?? before.dataScope;
  const shared =
    dataScope !== 'SHARED'
      ? []
      : await existingDepartments(input.sharedDepartmentIds ?? before.sharedDepartments.map((d) => d.id));

  await db.$transaction(async (tx) => {
    await tx.role.update({
      where: { id },
      data: { name: input.name, description: input.description, dataScope },
    });
    await tx.rolePermission.deleteMany({ where: { roleId: id } });
    await tx.rolePermission.createMany({ data: permissions.map((permissionCode) => ({ roleId: id, permissionCode })) });
    await tx.roleSharedDepartment.deleteMany({ where: { roleId: id } });
    await tx.roleSharedDepartment.createMany({ data: shared.map((departmentId) => ({ roleId: id, departmentId })) });
  });
  await auditChange(ctx, 'ROLE_UPDATE', 'Role', id, {
    before: {
      dataScope: before.dataScope,
      permissions: before.permissions,
      shared: before.sharedDepartments.map((d) => d.id),
    },
    after: { dataScope, permissions, shared },
  });
}

export async function deleteRole(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'role.delete');
  const role = await db.role.findUnique({ where: { id }, include: { _count: { select: { users: true } } } });
  if (!role) throw new NotFoundError('角色不存在');
  if (role.builtin) throw new ConflictError('内置角色不能删除');
  if (role._count.users > 0) throw new ConflictError(`角色“${role.name}”仍有 ${role._count.users} 名用户，不能删除`);
  await db.role.delete({ where: { id } });
  await auditChange(ctx, 'ROLE_DELETE', 'Role', id, { code: role.code, name: role.name });
}

async function checkPermissions(ctx: AdminContext, permissions: string[]): Promise<void> {
  const unknown = permissions.filter((p) => !PERMISSION_CODES.has(p));
  if (unknown.length) throw new ValidationError(`未知的功能权限：${unknown.join('、')}`);
  const violation = separationViolation(permissions);
  if (violation) await refuse(ctx, 'ROLE_PERMISSIONS', violation);
}

/** Everyone holding this role keeps within 三权分立 with the role's new permissions and their other roles. */
async function checkHolders(ctx: AdminContext, roleId: string, permissions: string[]): Promise<void> {
  const holders = await db.user.findMany({
    where: { roles: { some: { roleId } } },
    select: {
      displayName: true,
      roles: { where: { roleId: { not: roleId } }, select: { role: { select: { permissions: true } } } },
    },
  });
  for (const h of holders) {
    const others = h.roles.flatMap((r) => r.role.permissions.map((p) => p.permissionCode));
    const violation = separationViolation([...others, ...permissions]);
    if (violation)
      await refuse(ctx, 'ROLE_PERMISSIONS', `${violation}（用户“${h.displayName}”同时持有其他角色）`, roleId);
  }
}

async function existingDepartments(ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await db.department.count({ where: { id: { in: unique } } });
  if (found !== unique.length) throw new ValidationError('所选共享部门不存在');
  return unique;
}
