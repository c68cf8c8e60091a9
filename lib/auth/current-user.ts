// Who is asking, with their permissions and data scope loaded fresh from the database on every request,
// so a revoked role takes effect at once. Every page, route and action starts here.
import { db } from '@/lib/db';
import { ForbiddenError, UnauthorizedError } from '@/lib/errors';
import { auth } from './config';
import type { PermissionCode } from './permissions';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  mustChangePassword: boolean;
  permissions: Set<string>;
  roles: string[];
  /** Departments whose data this user may see; null means all. */
  visibleDeptIds: string[] | null;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  if (!session?.user?.id) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    include: { department: true, roles: { include: { role: { include: { permissions: true } } } } },
  });
  if (!user || user.status !== 'ACTIVE') return null;
  const permissions = new Set(user.roles.flatMap((ur) => ur.role.permissions.map((p) => p.permissionCode)));
  const scopes = new Set(user.roles.map((ur) => ur.role.dataScope));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentName: user.department.name,
    mustChangePassword: user.mustChangePassword,
    permissions,
    roles: user.roles.map((ur) => ur.role.code),
    visibleDeptIds: scopes.has('ALL') ? null : scopes.has('OWN_AND_SUB') ? await subtreeOf(user.departmentId) : [user.departmentId],
  };
}

export async function requireUser(permission?: PermissionCode): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new UnauthorizedError();
  if (user.mustChangePassword) throw new ForbiddenError('请先修改初始密码');
  if (permission && !user.permissions.has(permission)) throw new ForbiddenError();
  return user;
}

export function canSeeDept(user: CurrentUser, deptId: string): boolean {
  return user.visibleDeptIds === null || user.visibleDeptIds.includes(deptId);
}

async function subtreeOf(rootId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (SELECT id FROM "Department" WHERE id = ${rootId}::uuid
      UNION ALL SELECT d.id FROM "Department" d JOIN t ON d."parentId" = t.id)
    SELECT id::text FROM t`;
  return rows.map((r) => r.id);
}
