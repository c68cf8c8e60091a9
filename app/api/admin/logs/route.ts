import { auditQuerySchema, searchAuditLog } from '@/lib/audit/query';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/logs?from=&to=&username=&deptId=&module=&action=&result=&objectType=&objectId=&ip=&before= –
// one page of the audit log, newest first (audit:view; the service checks it so that a refusal is logged)
export const GET = withRoute({ query: auditQuerySchema }, async ({ user, query, ip }) =>
  Response.json(await searchAuditLog(user, query, ip), { headers: { 'Cache-Control': 'no-store' } }),
);
