// Modules, menus and operation buttons as data and the data dictionary with its history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDepartment } from '../../lib/admin/departments';
import { createCodeItem, getCodeTable, updateCodeItem } from '../../lib/admin/dictionary';
import type { AdminContext } from '../../lib/admin/guard';
import { createMenu, deleteMenu, updateMenu, updateOperation } from '../../lib/admin/menus';
import { navigationFor, type NavNode } from '../../lib/admin/navigation';
import { loadCatalogDef } from '../../lib/catalog/load';
import { can, loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError } from '../../lib/errors';
import { ctxOf, makeUser, uid } from '../support/admin';

let admin: AdminContext;
let security: AdminContext;
const codes = (nodes: NavNode[]): string[] => nodes.flatMap((n) => [n.code, ...codes(n.children)]);
const menuId = async (code: string) => (await db.menu.findUniqueOrThrow({ where: { code } })).id;

beforeAll(async () => {
  admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
  security = await ctxOf((await makeUser(['SECURITY_ADMIN'])).id);
});
afterAll(() => db.$disconnect());

describe('navigation from menu data', () => {
  it('R-7.5 shows each user the entries their permissions open, administration as a nested group', async () => {
    const operator = (await loadUser({ username: 'scjgj01' }))!;
    const mine = codes(await navigationFor(operator));
    expect(mine.slice(0, 2)).toEqual(['home', 'inbox']);
    expect(mine).toContain('batches');
    expect(mine.filter((c) => c.startsWith('admin') || c === 'records')).toEqual([]);
    const group = (await navigationFor(admin.actor)).find((n) => n.code === 'admin')!;
    expect(group.href).toBeNull();
    expect(group.children.map((c) => c.code)).toEqual(
      expect.arrayContaining(['admin-departments', 'admin-users', 'admin-menus', 'admin-dictionary']),
    );
    expect(group.children.map((c) => c.code)).not.toContain('admin-roles');
    const sec = codes(await navigationFor(security.actor));
    expect(sec).toEqual(expect.arrayContaining(['admin', 'admin-user-roles', 'admin-roles']));
    expect(sec).not.toContain('admin-users');
    expect(sec).not.toContain('admin-departments');
  });

  it('R-7.5 hides a disabled entry, moves and reorders entries, and adds a new one under a group', async () => {
    const operator = (await loadUser({ username: 'scjgj01' }))!;
    await updateMenu(admin, await menuId('batches'), { enabled: false });
    expect(codes(await navigationFor(operator))).not.toContain('batches');
    await updateMenu(admin, await menuId('batches'), { enabled: true, sortOrder: 5 });
    expect(codes(await navigationFor(operator)).slice(0, 3)).toEqual(['home', 'batches', 'inbox']);
    await updateMenu(admin, await menuId('batches'), { sortOrder: 20 });

    const code = `m-${uid()}`;
    const group = await createMenu(admin, {
      code: `${code}-g`,
      label: '数据服务',
      href: null,
      parentId: null,
      permissionCode: null,
      enabled: true,
      sortOrder: 9000,
    });
    // An empty group is not shown; with a visible child it is.
    expect(codes(await navigationFor(operator))).not.toContain(`${code}-g`);
    const child = await createMenu(admin, {
      code,
      label: '归集批次（快捷）',
      href: '/batches',
      parentId: group.id,
      permissionCode: 'batch:view',
      enabled: true,
      sortOrder: 0,
    });
    expect(codes(await navigationFor(operator)).slice(-2)).toEqual([`${code}-g`, code]);
    await expect(deleteMenu(admin, group.id)).rejects.toBeInstanceOf(ConflictError);
    await deleteMenu(admin, child.id);
    await deleteMenu(admin, group.id);
    await expect(deleteMenu(admin, await menuId('home'))).rejects.toBeInstanceOf(ConflictError);
  });

  it('R-7.5 refuses a menu linking outside the app, and menu changes by anyone but the system administrator', async () => {
    const { menuCreateSchema } = await import('../../lib/admin/schemas');
    for (const href of ['https://evil.example/', '//evil.example', 'javascript:alert(1)'])
      expect(
        menuCreateSchema.safeParse({ code: 'x1', label: 'x', href, parentId: null, permissionCode: null }).success,
      ).toBe(false);
    await expect(updateMenu(security, await menuId('home'), { label: '越权' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('operation buttons', () => {
  it('R-7.5 switches a button off for everyone: hidden and refused on the server, until switched on again', async () => {
    const other = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
    await updateOperation(admin, 'department.delete', { enabled: false });
    try {
      const fresh = await ctxOf(other.actor.id);
      expect(can(fresh.actor, 'department.delete')).toBe(false);
      expect(can(fresh.actor, 'department.create')).toBe(true);
      const xyzx = (await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } })).id;
      await expect(deleteDepartment(fresh, xyzx)).rejects.toThrow(/已被停用/);
    } finally {
      await updateOperation(admin, 'department.delete', { enabled: true });
    }
    expect(can((await ctxOf(other.actor.id)).actor, 'department.delete')).toBe(true);
  });

  it('R-7.5 never lets the switch of switches be turned off', async () => {
    await expect(updateOperation(admin, 'menu.edit', { enabled: false })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('data dictionary', () => {
  it('R-7.8 keeps every change of a code item as a revision with the state before and after', async () => {
    const code = `9${uid().slice(0, 3)}`;
    await createCodeItem(admin, 'penalty_category', { code, label: '测试处罚类别' });
    await updateCodeItem(admin, 'penalty_category', code, { label: '测试处罚类别（改）' });
    await updateCodeItem(admin, 'penalty_category', code, { enabled: false });
    const table = await getCodeTable(admin, 'penalty_category');
    const history = table.history.filter((h) => h.code === code).sort((a, b) => a.revision - b.revision);
    expect(history.map((h) => [h.revision, h.action])).toEqual([
      [1, 'CREATE'],
      [2, 'UPDATE'],
      [3, 'UPDATE'],
    ]);
    expect(history[1]).toMatchObject({
      before: { label: '测试处罚类别', enabled: true },
      after: { label: '测试处罚类别（改）', enabled: true },
      changedById: admin.actor.id,
    });
    expect(history[2]).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    expect(await db.auditLog.count({ where: { objectId: `penalty_category:${code}`, result: 'OK' } })).toBe(3);
  });

  it('R-7.8 takes a disabled code out of what imports accept', async () => {
    const version = await db.catalogVersion.findFirstOrThrow({ where: { catalog: { code: 'ADMIN_PENALTY' } } });
    await updateCodeItem(admin, 'procedure_type', '01', { enabled: false });
    try {
      const def = await loadCatalogDef(db, version.id);
      expect(def.codeTables.procedure_type!.items.map((i) => i.code)).toEqual(['02']);
    } finally {
      await updateCodeItem(admin, 'procedure_type', '01', { enabled: true });
    }
  });

  it('R-7.8 lets only the system administrator edit the dictionary', async () => {
    await expect(updateCodeItem(security, 'penalty_category', '01', { label: '越权' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      (
        await db.codeItem.findUniqueOrThrow({
          where: { tableCode_code: { tableCode: 'penalty_category', code: '01' } },
        })
      ).label,
    ).toBe('警告');
  });
});
