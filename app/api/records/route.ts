import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { listScopedRecords } from '@/lib/records/scoped-records';

// GET /api/records?catalogId=&page= – credit records of a catalog within the caller's data scope, shared
// departments' records only in the granted columns (record:view)
export const GET = withRoute(
  {
    permission: 'record:view',
    query: z.object({ catalogId: z.uuid(), page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  },
  async ({ user, ip, query }) =>
    Response.json(await listScopedRecords(user, query.catalogId, query.page, ip), {
      headers: { 'Cache-Control': 'no-store' },
    }),
);
