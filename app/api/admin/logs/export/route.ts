import { Readable } from 'node:stream';
import { auditQuerySchema, exportAuditLog } from '@/lib/audit/query';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/logs/export?… – the search result as an xlsx (audit:export; a refusal is logged)
export const GET = withRoute({ query: auditQuerySchema }, async ({ user, query, ip }) => {
  const { filename, stream } = await exportAuditLog(user, query, ip);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
    },
  });
});
