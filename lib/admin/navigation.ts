// The staff navigation from Menu data: enabled entries whose permission the user holds, as a tree;
// a group with nothing visible under it is left out. Pages still check their own permission.
import type { CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';

export interface NavNode {
  code: string;
  label: string;
  href: string | null;
  children: NavNode[];
}

export async function navigationFor(user: CurrentUser): Promise<NavNode[]> {
  const menus = await db.menu.findMany({
    where: { enabled: true },
    orderBy: [{ sortOrder: 'asc' }, { label: 'asc' }],
    select: { id: true, code: true, label: true, href: true, parentId: true, permissionCode: true },
  });
  const byParent = new Map<string | null, typeof menus>();
  for (const m of menus) byParent.set(m.parentId, [...(byParent.get(m.parentId) ?? []), m]);
  const build = (parentId: string | null): NavNode[] =>
    (byParent.get(parentId) ?? []).flatMap((m) => {
      if (m.permissionCode && !user.permissions.has(m.permissionCode)) return [];
      const children = build(m.id);
      if (!m.href && children.length === 0) return [];
      return [{ code: m.code, label: m.label, href: m.href, children }];
    });
  // A disabled parent hides its subtree: its children are never reached from the roots.
  return build(null);
}
