import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { listScopedRecords, resolveCatalogId } from '@/lib/records/scoped-records';

// GET /api/subjects/<id>/records?catalog=<code>&after=<cursor>&dept=&from=&to=&status= – one catalog's records
// of the subject, keyset, within the caller's scope and column grants (record:view).
export const GET = withRoute(
  {
    permission: 'record:view',
    params: z.object({ id: z.uuid({ error: '主体编号无效' }) }),
    query: z.object({ catalog: z.string({ error: '请指定信息目录' }).min(1).max(64) }).and(recordFilterSchema),
  },
  async ({ user, ip, params, query }) => {
    const catalogId = await resolveCatalogId(query.catalog);
    return Response.json(await listScopedRecords(user, catalogId, { ...query, subject: params.id }, ip), {
      headers: { 'Cache-Control': 'no-store' },
    });
  },
);
