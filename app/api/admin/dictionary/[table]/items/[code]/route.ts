import { z } from 'zod';
import { updateCodeItem } from '@/lib/admin/dictionary';
import { codeItemUpdateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// PATCH /api/admin/dictionary/[table]/items/[code] – relabel, reorder or disable an item; kept in history (admin:dictionary)
export const PATCH = withRoute(
  { params: z.object({ table: z.string().max(40), code: z.string().max(20) }), body: codeItemUpdateSchema },
  async ({ user, ip, params, body }) => {
    await updateCodeItem({ actor: user, ip }, params.table, params.code, body);
    return Response.json({ ok: true });
  },
);
