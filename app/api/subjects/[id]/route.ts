import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { getSubjectView } from '@/lib/subjects/view';

// GET /api/subjects/<id> – the staff subject view: basic information (identifiers masked) and every catalog
// the caller may see records of, with counts (record:view; data scope and shared scope apply).
export const GET = withRoute(
  { permission: 'record:view', params: z.object({ id: z.uuid({ error: '主体编号无效' }) }) },
  async ({ user, ip, params }) =>
    Response.json(await getSubjectView(user, params.id, ip), { headers: { 'Cache-Control': 'no-store' } }),
);
