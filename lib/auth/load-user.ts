// Loads a user with permissions and data scope. Free of Auth.js so the worker, the CLI and tests can use it.
import { db } from '@/lib/db';

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

export async function loadUser(where: { id: string } | { username: string }): Promise<CurrentUser | null> {
  const user = await db.user.findUnique({
    where,
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
    visibleDeptIds: scopes.has('ALL')
      ? null
      : scopes.has('OWN_AND_SUB')
        ? await subtreeOf(user.departmentId)
        : [user.departmentId],
  };
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
