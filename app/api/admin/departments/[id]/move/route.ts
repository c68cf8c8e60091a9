import { z } from 'zod';
import { moveDepartment } from '@/lib/admin/departments';
import { departmentMoveSchema } from '@/lib/admin/schemas';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/departments/[id]/move – put a department under another one (admin:departments)
export const POST = withRoute(
  { params: z.object({ id: z.uuid() }), body: departmentMoveSchema },
  async ({ user, ip, params, body }) => {
    await moveDepartment({ actor: user, ip }, params.id, body.parentId);
    return Response.json({ ok: true });
  },
);
