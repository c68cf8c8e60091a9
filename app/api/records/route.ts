import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { listScopedRecords, resolveCatalogId } from '@/lib/records/scoped-records';

// GET /api/records?catalog=<code>&after=<cursor>&dept=&from=&to=&status=&subject= – one keyset page of a
// catalog's credit records within the caller's data scope, shared departments' records only in the granted
// columns (record:view). `catalogId=<uuid>` is still accepted for older callers.
export const GET = withRoute(
  {
    permission: 'record:view',
    query: z
      .object({ catalog: z.string().min(1).max(64).optional(), catalogId: z.uuid().optional() })
      .and(recordFilterSchema)
      .refine((q) => q.catalog || q.catalogId, { error: '请指定信息目录' }),
  },
  async ({ user, ip, query }) => {
    const catalogId = await resolveCatalogId((query.catalogId ?? query.catalog)!);
    return Response.json(await listScopedRecords(user, catalogId, query, ip), {
      headers: { 'Cache-Control': 'no-store' },
    });
  },
);
