import { z } from 'zod';
import { unlockUser } from '@/lib/admin/user-changes';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/users/[id]/unlock – lift a sign-in lockout (admin:users)
export const POST = withRoute({ params: z.object({ id: z.uuid() }) }, async ({ user, ip, params }) => {
  await unlockUser({ actor: user, ip }, params.id);
  return Response.json({ ok: true });
});
