// Administration tests: the service context of a user, throwaway roles and users, records of a department
// (a clean 行政处罚 file uploaded through the real pipeline), and an HTTP session signed in through Auth.js.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AdminContext } from '../../lib/admin/guard';
import { loadUser } from '../../lib/auth/load-user';
import { hashPassword } from '../../lib/auth/password';
import { db } from '../../lib/db';
import { penaltyRows, writePenaltyXlsx } from './penalty-data';
import { uploadAs } from './run-batch';
import { waitForBatchStatus } from './wait';

export const PASSWORD = 'Admin-Test-2026!';

export const uid = () => randomBytes(4).toString('hex');

export async function ctxOf(userId: string): Promise<AdminContext> {
  const actor = await loadUser({ id: userId });
  if (!actor) throw new Error(`user ${userId} not active`);
  return { actor, ip: '127.0.0.1' };
}

/** A user with the given built-in or test roles, password PASSWORD, no forced change. */
export async function makeUser(roleCodes: string[], deptCode = 'XYZX'): Promise<{ id: string; username: string }> {
  const username = `a_${uid()}`;
  const dept = await db.department.findUniqueOrThrow({ where: { code: deptCode } });
  const roles = await db.role.findMany({ where: { code: { in: roleCodes } } });
  if (roles.length !== roleCodes.length) throw new Error(`unknown role in ${roleCodes.join(',')}`);
  const user = await db.user.create({
    data: {
      username,
      displayName: `管理测试${username.slice(2)}`,
      departmentId: dept.id,
      passwordHash: await hashPassword(PASSWORD),
      roles: { create: roles.map((r) => ({ roleId: r.id })) },
    },
  });
  return { id: user.id, username };
}

/** Uploads n clean 行政处罚 rows as a department's operator and waits until they are stored. */
export async function recordsOf(operator: string, n = 3): Promise<{ batchId: string; recordIds: string[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'admin-')), `行政处罚_${operator}.xlsx`);
  await writePenaltyXlsx(path, penaltyRows(n, { prefix: `A${uid()}-` }));
  const batch = await uploadAs(operator, 'ADMIN_PENALTY', path);
  await waitForBatchStatus(batch.id, ['COMPLETED']);
  const records = await db.creditRecord.findMany({ where: { batchId: batch.id }, select: { id: true } });
  return { batchId: batch.id, recordIds: records.map((r) => r.id) };
}
