import { createRole, listRoles } from '@/lib/admin/roles';
import { roleCreateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/roles – roles with their permissions and holder counts (admin:roles or admin:users)
export const GET = withRoute({}, async ({ user, ip }) =>
  Response.json(await listRoles({ actor: user, ip }), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/roles – create a role with permissions and data scope (admin:roles; 三权分立)
export const POST = withRoute({ body: roleCreateSchema }, async ({ user, ip, body }) => {
  const role = await createRole({ actor: user, ip }, body);
  return Response.json({ id: role.id }, { status: 201 });
});
