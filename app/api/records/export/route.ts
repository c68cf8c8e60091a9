import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { exportScopedRecords } from '@/lib/records/export';
import { recordFilterSchema } from '@/lib/records/record-filter';
import { resolveCatalogId } from '@/lib/records/scoped-records';

// GET /api/records/export?catalog=<code>&subject=&dept=&from=&to=&status=&format=csv|xlsx – the filtered records
// list (or one subject's records of a catalog) as a file, streamed, within the caller's scope and column grants,
// masked, capped and audited (record:view: an export shows nothing the list would not).
export const GET = withRoute(
  {
    permission: 'record:view',
    query: z
      .object({
        catalog: z.string({ error: '请指定信息目录' }).min(1).max(64),
        format: z.enum(['csv', 'xlsx'], { error: '导出格式应为 csv 或 xlsx' }).default('csv'),
      })
      .and(recordFilterSchema),
  },
  async ({ user, ip, query }) => {
    const catalogId = await resolveCatalogId(query.catalog);
    const { filename, contentType, stream } = await exportScopedRecords(
      user,
      catalogId,
      { ...query, after: undefined, before: undefined },
      ip,
      query.format,
    );
    return new Response(stream, {
      headers: {
        'Content-Type': contentType,
        'Content-Disposition': `attachment; filename="records.${query.format}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
