import { z } from 'zod';
import { userDisableSchema } from '@/lib/admin/schemas';
import { disableUser } from '@/lib/admin/user-changes';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/users/[id]/disable – disable an account and end its sessions (admin:users)
export const POST = withRoute(
  { params: z.object({ id: z.uuid() }), body: userDisableSchema },
  async ({ user, ip, params, body }) => {
    await disableUser({ actor: user, ip }, params.id, body.reason);
    return Response.json({ ok: true });
  },
);
