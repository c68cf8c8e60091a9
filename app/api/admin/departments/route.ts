import { z } from 'zod';
import { createDepartment, departmentTree } from '@/lib/admin/departments';
import { departmentCreateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// Permissions are checked, and refusals audited, by the services (lib/admin/guard.ts).

// GET /api/admin/departments?q= – the department tree, or the matches of q with their ancestors
export const GET = withRoute({ query: z.object({ q: z.string().max(50).optional() }) }, async ({ user, ip, query }) =>
  Response.json(await departmentTree({ actor: user, ip }, query.q), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/departments – create a department (admin:departments)
export const POST = withRoute({ body: departmentCreateSchema }, async ({ user, ip, body }) => {
  const dept = await createDepartment({ actor: user, ip }, body);
  return Response.json({ id: dept.id }, { status: 201 });
});
