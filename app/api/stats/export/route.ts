import { withRoute } from '@/lib/http/route';
import { exportStats } from '@/lib/stats/export';
import { statsQuerySchema } from '@/lib/stats/filter';

// GET /api/stats/export?from=&to=&deptId=&catalogId=&granularity= – the same figures as an xlsx (stats:view)
export const GET = withRoute({ permission: 'stats:view', query: statsQuerySchema }, async ({ user, query, ip }) => {
  const { filename, buffer } = await exportStats(user, query, ip);
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'Cache-Control': 'no-store',
    },
  });
});
