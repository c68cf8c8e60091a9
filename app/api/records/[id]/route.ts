import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { getScopedRecord } from '@/lib/records/scoped-records';

// GET /api/records/[id] – one credit record in the columns the caller may read; 404 outside their scope (record:view)
export const GET = withRoute(
  { permission: 'record:view', params: z.object({ id: z.uuid() }) },
  async ({ user, ip, params }) =>
    Response.json(await getScopedRecord(user, params.id, ip), { headers: { 'Cache-Control': 'no-store' } }),
);
