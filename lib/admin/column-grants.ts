// Column permissions on shared data: which fields of a catalog a role's holders may read in the
// records of their shared departments. Granted by the security administrator, never on a role they hold;
// restricted and confidential fields cannot be granted.
import { db } from '@/lib/db';
import { isControlled } from '@/lib/records/controlled';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, refuse, requireAnyPermission, requireOperation, type AdminContext } from './guard';

/** Catalogs with the fields of their current published version: what a grant can name. */
export async function grantableCatalogs(ctx: AdminContext) {
  await requireAnyPermission(ctx, 'admin:roles');
  const catalogs = await db.catalog.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      versions: {
        where: { status: 'PUBLISHED' },
        orderBy: { version: 'desc' },
        take: 1,
        select: {
          fields: {
            orderBy: { sortOrder: 'asc' },
            select: { key: true, label: true, personal: true, visibility: true },
          },
        },
      },
    },
  });
  return catalogs.map(({ versions, ...c }) => ({ ...c, fields: versions[0]?.fields ?? [] }));
}

export async function setColumnGrants(
  ctx: AdminContext,
  roleId: string,
  catalogId: string,
  fieldKeys: string[],
): Promise<void> {
  await requireOperation(ctx, 'role.grantColumns');
  const role = await db.role.findUnique({ where: { id: roleId }, include: { users: { select: { userId: true } } } });
  if (!role) throw new NotFoundError('角色不存在');
  if (role.users.some((u) => u.userId === ctx.actor.id))
    await refuse(ctx, 'ROLE_COLUMN_GRANTS', '不能修改自己所持有的角色', roleId);
  const catalog = (await grantableCatalogs(ctx)).find((c) => c.id === catalogId);
  if (!catalog) throw new NotFoundError('目录不存在');
  const keys = [...new Set(fieldKeys)];
  const known = new Set(catalog.fields.map((f) => f.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) throw new ValidationError(`目录“${catalog.name}”没有字段：${unknown.join('、')}`);
  // Restricted and confidential fields never leave the providing department (受控信息, R-2.5).
  const controlled = catalog.fields.filter(
    (f) => keys.includes(f.key) && isControlled({ fieldVisibility: f.visibility }, 'shared'),
  );
  if (controlled.length) throw new ValidationError(`受控字段不能共享：${controlled.map((f) => f.label).join('、')}`);

  const before = await db.columnGrant.findMany({ where: { roleId, catalogId }, select: { fieldKey: true } });
  await db.$transaction([
    db.columnGrant.deleteMany({ where: { roleId, catalogId } }),
    db.columnGrant.createMany({ data: keys.map((fieldKey) => ({ roleId, catalogId, fieldKey })) }),
  ]);
  await auditChange(ctx, 'ROLE_COLUMN_GRANTS', 'Role', roleId, {
    catalog: catalog.code,
    before: before.map((g) => g.fieldKey),
    after: keys,
  });
}
