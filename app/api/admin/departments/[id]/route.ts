import { z } from 'zod';
import { deleteDepartment, updateDepartment } from '@/lib/admin/departments';
import { departmentUpdateSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

const params = z.object({ id: z.uuid() });

// PATCH /api/admin/departments/[id] – edit a department's code, name, kind or order (admin:departments)
export const PATCH = withRoute({ params, body: departmentUpdateSchema }, async ({ user, ip, params, body }) => {
  await updateDepartment({ actor: user, ip }, params.id, body);
  return Response.json({ ok: true });
});

// DELETE /api/admin/departments/[id] – delete a department without users or data (admin:departments)
export const DELETE = withRoute({ params }, async ({ user, ip, params }) => {
  await deleteDepartment({ actor: user, ip }, params.id);
  return new Response(null, { status: 204 });
});
