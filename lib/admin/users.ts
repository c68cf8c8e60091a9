// Users, read side: the paginated list with search and the detail with roles. Both the system
// administrator (accounts) and the security administrator (role assignment) need to find people.
import { db, type Prisma } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { requireAnyPermission, type AdminContext } from './guard';
import type { UserListQuery } from './schemas';

const USER_PAGE_SIZE = 20;

export async function listUsers(ctx: AdminContext, query: UserListQuery) {
  await requireAnyPermission(ctx, 'admin:users', 'admin:roles');
  const q = query.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(q
      ? {
          OR: [
            { username: { contains: q, mode: 'insensitive' } },
            { displayName: { contains: q, mode: 'insensitive' } },
          ],
        }
      : {}),
    ...(query.departmentId ? { departmentId: query.departmentId } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ department: { sortOrder: 'asc' } }, { username: 'asc' }],
      skip: (query.page - 1) * USER_PAGE_SIZE,
      take: USER_PAGE_SIZE,
      select: {
        id: true,
        username: true,
        displayName: true,
        status: true,
        lastLoginAt: true,
        lockedUntil: true,
        department: { select: { id: true, name: true } },
        roles: { select: { role: { select: { id: true, code: true, name: true } } } },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / USER_PAGE_SIZE)),
    rows: rows.map(({ roles, ...u }) => ({ ...u, roles: roles.map((r) => r.role) })),
  };
}

export async function getUserDetail(ctx: AdminContext, id: string) {
  await requireAnyPermission(ctx, 'admin:users', 'admin:roles');
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      displayName: true,
      status: true,
      disabledReason: true,
      disabledAt: true,
      mustChangePassword: true,
      totpEnabledAt: true,
      lastLoginAt: true,
      lockedUntil: true,
      createdAt: true,
      department: { select: { id: true, name: true } },
      roles: { select: { role: { select: { id: true, code: true, name: true } } } },
    },
  });
  if (!user) throw new NotFoundError('用户不存在');
  return { ...user, roles: user.roles.map((r) => r.role) };
}
