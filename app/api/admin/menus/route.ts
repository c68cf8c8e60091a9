import { createMenu, menuAdminData } from '@/lib/admin/menus';
import { menuCreateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/menus – every menu entry and operation button, enabled or not (admin:menus)
export const GET = withRoute({}, async ({ user, ip }) =>
  Response.json(await menuAdminData({ actor: user, ip }), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/menus – add a menu entry or group (admin:menus)
export const POST = withRoute({ body: menuCreateSchema }, async ({ user, ip, body }) => {
  const menu = await createMenu({ actor: user, ip }, body);
  return Response.json({ id: menu.id }, { status: 201 });
});
