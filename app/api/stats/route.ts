import { withRoute } from '@/lib/http/route';
import { getStats } from '@/lib/stats/dashboard';
import { statsQuerySchema } from '@/lib/stats/filter';

// GET /api/stats?from=&to=&deptId=&catalogId=&granularity= – the dashboard figures within the caller's data
// scope (stats:view)
export const GET = withRoute({ permission: 'stats:view', query: statsQuerySchema }, async ({ user, query }) =>
  Response.json(await getStats(user, query), { headers: { 'Cache-Control': 'no-store' } }),
);
