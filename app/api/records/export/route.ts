import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { exportScopedRecordsCsv } from '@/lib/records/export';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { resolveCatalogId } from '@/lib/records/scoped-records';

// GET /api/records/export?catalog=<code>&subject=&dept=&from=&to=&status= – the filtered records list (or one
// subject's records of a catalog) as CSV, streamed, within the caller's scope and column grants, masked,
// capped and audited (record:view: an export shows nothing the list would not).
export const GET = withRoute(
  {
    permission: 'record:view',
    query: z.object({ catalog: z.string({ error: '请指定信息目录' }).min(1).max(64) }).and(recordFilterSchema),
  },
  async ({ user, ip, query }) => {
    const catalogId = await resolveCatalogId(query.catalog);
    const { filename, stream } = await exportScopedRecordsCsv(
      user,
      catalogId,
      { ...query, after: undefined, before: undefined },
      ip,
    );
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="records.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
