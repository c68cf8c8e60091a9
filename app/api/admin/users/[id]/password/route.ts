import { z } from 'zod';
import { userResetPasswordSchema } from '@/lib/admin/schemas';
import { resetPassword } from '@/lib/admin/user-changes';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/users/[id]/password – set a temporary password, to be changed at next sign-in (admin:users)
export const POST = withRoute(
  { params: z.object({ id: z.uuid() }), body: userResetPasswordSchema },
  async ({ user, ip, params, body }) => {
    await resetPassword({ actor: user, ip }, params.id, body.password);
    return Response.json({ ok: true });
  },
);
