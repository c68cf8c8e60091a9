import { z } from 'zod';
import { deleteMenu, updateMenu } from '@/lib/admin/menus';
import { menuUpdateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

const params = z.object({ id: z.uuid() });

// PATCH /api/admin/menus/[id] – rename, move, reorder, re-permission or switch an entry (admin:menus)
export const PATCH = withRoute({ params, body: menuUpdateSchema }, async ({ user, ip, params, body }) => {
  await updateMenu({ actor: user, ip }, params.id, body);
  return Response.json({ ok: true });
});

// DELETE /api/admin/menus/[id] – delete an added entry without children (admin:menus)
export const DELETE = withRoute({ params }, async ({ user, ip, params }) => {
  await deleteMenu({ actor: user, ip }, params.id);
  return new Response(null, { status: 204 });
});
