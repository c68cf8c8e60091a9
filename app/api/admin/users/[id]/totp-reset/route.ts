import { z } from 'zod';
import { resetUserTotp } from '@/lib/admin/user-changes';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/users/[id]/totp-reset – remove a lost authenticator and end the user's sessions (admin:users)
export const POST = withRoute({ params: z.object({ id: z.uuid() }) }, async ({ user, ip, params }) => {
  await resetUserTotp({ actor: user, ip }, params.id);
  return Response.json({ ok: true });
});
