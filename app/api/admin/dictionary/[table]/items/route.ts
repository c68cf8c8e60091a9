import { z } from 'zod';
import { createCodeItem } from '@/lib/admin/dictionary';
import { codeItemCreateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/dictionary/[table]/items – add an item to a code table (admin:dictionary)
export const POST = withRoute(
  { params: z.object({ table: z.string().max(40) }), body: codeItemCreateSchema },
  async ({ user, ip, params, body }) => {
    await createCodeItem({ actor: user, ip }, params.table, body);
    return Response.json({ ok: true }, { status: 201 });
  },
);
