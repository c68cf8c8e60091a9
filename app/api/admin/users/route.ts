import { userCreateSchema, userListQuerySchema } from '@/lib/admin/schemas';
import { createUser } from '@/lib/admin/user-changes';
import { listUsers } from '@/lib/admin/users';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/users?q=&departmentId=&status=&page= – users, paginated (admin:users or admin:roles)
export const GET = withRoute({ query: userListQuerySchema }, async ({ user, ip, query }) =>
  Response.json(await listUsers({ actor: user, ip }, query), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/users – create a user who must change the initial password at first sign-in (admin:users)
export const POST = withRoute({ body: userCreateSchema }, async ({ user, ip, body }) =>
  Response.json(await createUser({ actor: user, ip }, body), { status: 201 }),
);
