// Loads a user with permissions and data scope. Free of Auth.js so the worker, the CLI and tests can use it.
import { db } from '@/lib/db';
import { operationDef, type OperationCode } from './permissions';

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  mustChangePassword: boolean;
  permissions: Set<string>;
  roles: string[];
  /** Departments whose data this user sees in full (own, own and subordinates); null means all. */
  visibleDeptIds: string[] | null;
  /**
   * Further departments whose credit records this user may read through a SHARED role, restricted to the
   * columns of `columnGrants` (never their batches or tasks). Empty when visibleDeptIds is null.
   */
  sharedDeptIds: string[];
  /** Column grants on shared data: catalogId → field keys, the union over the user's roles. */
  columnGrants: Map<string, Set<string>>;
  /** Operation buttons an administrator switched off; see can(). */
  disabledOperations: Set<string>;
}

export async function loadUser(where: { id: string } | { username: string }): Promise<CurrentUser | null> {
  const user = await db.user.findUnique({
    where,
    include: {
      department: true,
      roles: {
        include: { role: { include: { permissions: true, sharedDepartments: true, columnGrants: true } } },
      },
    },
  });
  if (!user || user.status !== 'ACTIVE') return null;
  const roles = user.roles.map((ur) => ur.role);
  const permissions = new Set(roles.flatMap((r) => r.permissions.map((p) => p.permissionCode)));
  const scope = await dataScopeOf(user.departmentId, roles);
  const columnGrants = new Map<string, Set<string>>();
  for (const g of roles.flatMap((r) => r.columnGrants)) {
    const keys = columnGrants.get(g.catalogId) ?? new Set<string>();
    keys.add(g.fieldKey);
    columnGrants.set(g.catalogId, keys);
  }
  const disabled = await db.operation.findMany({ where: { enabled: false }, select: { code: true } });
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentName: user.department.name,
    mustChangePassword: user.mustChangePassword,
    permissions,
    roles: roles.map((r) => r.code),
    ...scope,
    columnGrants,
    disabledOperations: new Set(disabled.map((o) => o.code)),
  };
}

type RoleScope = { dataScope: string; sharedDepartments: { departmentId: string }[] };

/** The union of the scopes of all roles: the widest role wins, shared departments add up. */
async function dataScopeOf(
  ownDeptId: string,
  roles: RoleScope[],
): Promise<{ visibleDeptIds: string[] | null; sharedDeptIds: string[] }> {
  if (roles.some((r) => r.dataScope === 'ALL')) return { visibleDeptIds: null, sharedDeptIds: [] };
  const full = new Set([ownDeptId]);
  if (roles.some((r) => r.dataScope === 'OWN_AND_SUB')) for (const id of await subtreeOf(ownDeptId)) full.add(id);
  const shared = roles
    .filter((r) => r.dataScope === 'SHARED')
    .flatMap((r) => r.sharedDepartments.map((s) => s.departmentId));
  return { visibleDeptIds: [...full], sharedDeptIds: [...new Set(shared)].filter((id) => !full.has(id)) };
}

export function canSeeDept(user: CurrentUser, deptId: string): boolean {
  return user.visibleDeptIds === null || user.visibleDeptIds.includes(deptId);
}

/** May this user use this operation button: permission held and the button not switched off? */
export function can(user: CurrentUser, operation: OperationCode): boolean {
  const def = operationDef(operation);
  return !!def && user.permissions.has(def.permission) && !user.disabledOperations.has(operation);
}

export async function subtreeOf(rootId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (SELECT id FROM "Department" WHERE id = ${rootId}::uuid
      UNION ALL SELECT d.id FROM "Department" d JOIN t ON d."parentId" = t.id)
    SELECT id::text FROM t`;
  return rows.map((r) => r.id);
}
