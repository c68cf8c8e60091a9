import { usageStats } from '@/lib/audit/usage';
import { withRoute } from '@/lib/http/route';
import { statsQuerySchema } from '@/lib/stats/filter';

// GET /api/admin/logs/usage?from=&to= – use of the platform per person, module, department and day
// (audit:view; a refusal is logged)
export const GET = withRoute({ query: statsQuerySchema.pick({ from: true, to: true }) }, async ({ user, query, ip }) =>
  Response.json(await usageStats(user, query, ip), { headers: { 'Cache-Control': 'no-store' } }),
);
