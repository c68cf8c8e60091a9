import { z } from 'zod';
import { enableUser } from '@/lib/admin/user-changes';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/users/[id]/enable – re-enable a disabled account (admin:users)
export const POST = withRoute({ params: z.object({ id: z.uuid() }) }, async ({ user, ip, params }) => {
  await enableUser({ actor: user, ip }, params.id);
  return Response.json({ ok: true });
});
