// Modules, menus and operation buttons as data: the system administrator adds, edits, orders,
// moves and switches off menu entries, and switches operation buttons on and off.
import { operationDef } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, conflictOn, requireAnyPermission, requireOperation, type AdminContext } from './guard';
import type { MenuCreate, MenuUpdate, OperationUpdate } from './schemas';

export async function menuAdminData(ctx: AdminContext) {
  await requireAnyPermission(ctx, 'admin:menus');
  const [menus, operations, permissions] = await Promise.all([
    db.menu.findMany({ orderBy: [{ sortOrder: 'asc' }, { label: 'asc' }] }),
    db.operation.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] }),
    db.permission.findMany({ orderBy: { code: 'asc' } }),
  ]);
  return { menus, operations, permissions };
}

export async function createMenu(ctx: AdminContext, input: MenuCreate) {
  await requireOperation(ctx, 'menu.edit');
  await checkRefs(input.parentId, input.permissionCode);
  const menu = await db.menu
    .create({ data: input })
    .catch((e: unknown) => conflictOn(e, `菜单编码“${input.code}”已存在`));
  await auditChange(ctx, 'MENU_CREATE', 'Menu', menu.id, { code: menu.code, label: menu.label, href: menu.href });
  return menu;
}

export async function updateMenu(ctx: AdminContext, id: string, input: MenuUpdate) {
  await requireOperation(ctx, 'menu.edit');
  const before = await db.menu.findUnique({ where: { id } });
  if (!before) throw new NotFoundError('菜单不存在');
  if (input.parentId !== undefined) await checkRefs(input.parentId, undefined);
  if (input.permissionCode !== undefined) await checkRefs(undefined, input.permissionCode);
  if (input.parentId && (await isInSubtree(id, input.parentId)))
    throw new ValidationError('不能把菜单移动到它自己或它的下级菜单之下');
  const menu = await db.menu.update({ where: { id }, data: input });
  await auditChange(ctx, 'MENU_UPDATE', 'Menu', id, {
    before: pick(before),
    after: pick(menu),
  });
  return menu;
}

export async function deleteMenu(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'menu.edit');
  const menu = await db.menu.findUnique({ where: { id }, include: { _count: { select: { children: true } } } });
  if (!menu) throw new NotFoundError('菜单不存在');
  if (menu.builtin) throw new ConflictError('内置菜单不能删除，可以停用');
  if (menu._count.children) throw new ConflictError('请先删除或移走下级菜单');
  await db.menu.delete({ where: { id } });
  await auditChange(ctx, 'MENU_DELETE', 'Menu', id, { code: menu.code, label: menu.label });
}

export async function updateOperation(ctx: AdminContext, code: string, input: OperationUpdate) {
  await requireOperation(ctx, 'menu.edit');
  const before = await db.operation.findUnique({ where: { code } });
  if (!before) throw new NotFoundError('操作按钮不存在');
  const def = operationDef(code);
  if (input.enabled === false && def && 'locked' in def && def.locked)
    throw new ConflictError(`“${before.label}”是停用其他按钮的开关，不能停用`);
  const op = await db.operation.update({ where: { code }, data: input });
  await auditChange(ctx, 'OPERATION_UPDATE', 'Operation', code, {
    before: { label: before.label, enabled: before.enabled, sortOrder: before.sortOrder },
    after: { label: op.label, enabled: op.enabled, sortOrder: op.sortOrder },
  });
  return op;
}

const pick = (m: {
  label: string;
  href: string | null;
  parentId: string | null;
  permissionCode: string | null;
  enabled: boolean;
  sortOrder: number;
}) => ({
  label: m.label,
  href: m.href,
  parentId: m.parentId,
  permissionCode: m.permissionCode,
  enabled: m.enabled,
  sortOrder: m.sortOrder,
});

async function checkRefs(parentId: string | null | undefined, permissionCode: string | null | undefined) {
  if (parentId && !(await db.menu.findUnique({ where: { id: parentId }, select: { id: true } })))
    throw new ValidationError('上级菜单不存在');
  if (permissionCode && !(await db.permission.findUnique({ where: { code: permissionCode } })))
    throw new ValidationError('功能权限不存在');
}

async function isInSubtree(rootId: string, candidate: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE t AS (SELECT id FROM "Menu" WHERE id = ${rootId}::uuid
      UNION ALL SELECT m.id FROM "Menu" m JOIN t ON m."parentId" = t.id)
    SELECT id::text FROM t WHERE id = ${candidate}::uuid`;
  return rows.length > 0;
}
