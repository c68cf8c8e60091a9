import { z } from 'zod';
import { userRolesSchema } from '@/lib/admin/schemas';
import { setUserRoles } from '@/lib/admin/user-roles';
import { withRoute } from '@/lib/http/route';

// PUT /api/admin/users/[id]/roles – replace a user's roles (admin:roles; never one's own; 三权分立)
export const PUT = withRoute(
  { params: z.object({ id: z.uuid() }), body: userRolesSchema },
  async ({ user, ip, params, body }) => {
    await setUserRoles({ actor: user, ip }, params.id, body.roleIds);
    return Response.json({ ok: true });
  },
);
