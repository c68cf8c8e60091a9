import { z } from 'zod';
import { userUpdateSchema } from '@/lib/admin/schemas';
import { updateUser } from '@/lib/admin/user-changes';
import { getUserDetail } from '@/lib/admin/users';
import { withRoute } from '@/lib/http/route';

const params = z.object({ id: z.uuid() });

// GET /api/admin/users/[id] – a user with department, status and roles (admin:users or admin:roles)
export const GET = withRoute({ params }, async ({ user, ip, params }) =>
  Response.json(await getUserDetail({ actor: user, ip }, params.id), { headers: { 'Cache-Control': 'no-store' } }),
);

// PATCH /api/admin/users/[id] – change display name or department (admin:users)
export const PATCH = withRoute({ params, body: userUpdateSchema }, async ({ user, ip, params, body }) => {
  await updateUser({ actor: user, ip }, params.id, body);
  return Response.json({ ok: true });
});
