import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { listBatchRecords } from '@/lib/records/batch-records';

// GET /api/records/of-batch?batchId=&page= – the records a batch stored, with timeliness flag and open feedback
// (batch:view, within data scope)
export const GET = withRoute(
  {
    permission: 'batch:view',
    query: z.object({ batchId: z.string().uuid(), page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  },
  async ({ user, query }) =>
    Response.json(await listBatchRecords(user, query.batchId, query.page), {
      headers: { 'Cache-Control': 'no-store' },
    }),
);
