// Throwaway staff accounts for security tests, so locking, expiring and enrolling never touch the demo users
// other tests sign in with.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../lib/auth/password';
import { db } from '../../lib/db';

export const TEST_PASSWORD = 'Test-Password-2026!';

export async function createTestUser(
  opts: { roles?: string[]; password?: string; mustChangePassword?: boolean; dept?: string } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username = `t_${randomBytes(5).toString('hex')}`;
  const password = opts.password ?? TEST_PASSWORD;
  const dept = await db.department.findUniqueOrThrow({ where: { code: opts.dept ?? 'XYZX' } });
  const roles = await db.role.findMany({ where: { code: { in: opts.roles ?? ['CENTRE_STAFF'] } } });
  const user = await db.user.create({
    data: {
      username,
      displayName: `测试用户${username.slice(2, 6)}`,
      departmentId: dept.id,
      passwordHash: await hashPassword(password),
      mustChangePassword: opts.mustChangePassword ?? false,
      roles: { create: roles.map((r) => ({ roleId: r.id })) },
    },
  });
  return { id: user.id, username, password };
}
