// Who creates a batch when no person uploads it (R-1.3.1 drop folders, the import CLI): the `system` account
// acting for the providing department. The account exists so that batches, events and the audit log name
// an author; it is disabled and has no usable password, so nobody can sign in with it.
import type { CurrentUser } from '@/lib/auth/load-user';
import type { Db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';

const SYSTEM_USERNAME = 'system';

const CHANNEL_NAME = { CLI: '命令行导入', DROP_FOLDER: '交换目录自动读取', EXCHANGE: '数据交换' } as const;
export type SystemChannel = keyof typeof CHANNEL_NAME;

export async function systemActorFor(db: Db, deptCode: string, channel: SystemChannel): Promise<CurrentUser> {
  const dept = await db.department.findUnique({ where: { code: deptCode } });
  if (!dept) throw new NotFoundError(`部门“${deptCode}”不存在`);
  const user = await ensureSystemUser(db);
  return {
    id: user.id,
    username: SYSTEM_USERNAME,
    displayName: CHANNEL_NAME[channel],
    departmentId: dept.id,
    departmentName: dept.name,
    mustChangePassword: false,
    permissions: new Set(['data:import']),
    roles: [],
    visibleDeptIds: [dept.id],
    sharedDeptIds: [],
    columnGrants: new Map(),
    disabledOperations: new Set(),
  };
}

async function ensureSystemUser(db: Db): Promise<{ id: string }> {
  const existing = await db.user.findUnique({ where: { username: SYSTEM_USERNAME }, select: { id: true } });
  if (existing) return existing;
  const centre = await db.department.findFirst({ where: { kind: 'CENTRE' }, orderBy: { sortOrder: 'asc' } });
  if (!centre) throw new NotFoundError('没有信用中心部门，无法创建系统账号');
  return db.user.upsert({
    where: { username: SYSTEM_USERNAME },
    create: {
      username: SYSTEM_USERNAME,
      displayName: '系统（自动归集）',
      departmentId: centre.id,
      // Not a scrypt hash: verifyPassword refuses every password.
      passwordHash: '!',
      status: 'DISABLED',
      disabledReason: '系统账号：仅用于交换目录读取和命令行导入，不能登录',
      disabledAt: new Date(),
    },
    update: {},
    select: { id: true },
  });
}
