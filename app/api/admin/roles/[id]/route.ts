import { z } from 'zod';
import { deleteRole, getRoleDetail, updateRole } from '@/lib/admin/roles';
import { roleUpdateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

const params = z.object({ id: z.uuid() });

// GET /api/admin/roles/[id] – a role with permissions, shared departments, column grants, holders (admin:roles)
export const GET = withRoute({ params }, async ({ user, ip, params }) =>
  Response.json(await getRoleDetail({ actor: user, ip }, params.id), { headers: { 'Cache-Control': 'no-store' } }),
);

// PATCH /api/admin/roles/[id] – change name, permissions or data scope (admin:roles; not a role one holds)
export const PATCH = withRoute({ params, body: roleUpdateSchema }, async ({ user, ip, params, body }) => {
  await updateRole({ actor: user, ip }, params.id, body);
  return Response.json({ ok: true });
});

// DELETE /api/admin/roles/[id] – delete a role nobody holds (admin:roles; built-in roles stay)
export const DELETE = withRoute({ params }, async ({ user, ip, params }) => {
  await deleteRole({ actor: user, ip }, params.id);
  return new Response(null, { status: 204 });
});
