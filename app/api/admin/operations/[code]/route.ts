import { z } from 'zod';
import { updateOperation } from '@/lib/admin/menus';
import { operationUpdateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// PATCH /api/admin/operations/[code] – rename or switch an operation button on or off (admin:menus)
export const PATCH = withRoute(
  { params: z.object({ code: z.string().regex(/^[a-zA-Z.]{3,60}$/) }), body: operationUpdateSchema },
  async ({ user, ip, params, body }) => {
    await updateOperation({ actor: user, ip }, params.code, body);
    return Response.json({ ok: true });
  },
);
