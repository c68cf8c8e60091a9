import { z } from 'zod';
import { setColumnGrants } from '@/lib/admin/column-grants';
import { columnGrantSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// PUT /api/admin/roles/[id]/column-grants – the fields of one catalog the role may read in shared data (admin:roles)
export const PUT = withRoute(
  { params: z.object({ id: z.uuid() }), body: columnGrantSchema },
  async ({ user, ip, params, body }) => {
    await setColumnGrants({ actor: user, ip }, params.id, body.catalogId, body.fieldKeys);
    return Response.json({ ok: true });
  },
);
