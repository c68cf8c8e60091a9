import { z } from 'zod';
import { getCodeTable } from '@/lib/admin/dictionary';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/dictionary/[table] – a code table's items and its change history (admin:dictionary)
export const GET = withRoute({ params: z.object({ table: z.string().max(40) }) }, async ({ user, ip, params }) => {
  const table = await getCodeTable({ actor: user, ip }, params.table);
  return Response.json(
    { ...table, history: table.history.map((h) => ({ ...h, id: String(h.id) })) },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});
