// Users, write side: create, edit, disable / enable, reset password, unlock, reset the authenticator.
// Accounts are never deleted — the audit log refers to them — they are disabled. Disabling and resetting end
// every session at once (ASVS 7.4.2): the token's session version goes stale, the server-side sessions go.
import { unlockAccount } from '@/lib/auth/account';
import { resetTotp } from '@/lib/auth/mfa';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblems } from '@/lib/auth/password-policy';
import { db, type Prisma } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { auditChange, conflictOn, refuse, requireOperation, type AdminContext } from './guard';
import type { UserCreate, UserUpdate } from './schemas';

export async function createUser(ctx: AdminContext, input: UserCreate) {
  await requireOperation(ctx, 'user.create');
  checkPassword(input.initialPassword, input.username);
  await departmentMustExist(input.departmentId);
  const user = await db.user
    .create({
      data: {
        username: input.username,
        displayName: input.displayName,
        departmentId: input.departmentId,
        passwordHash: await hashPassword(input.initialPassword),
        // 等保: an initial password set by someone else is changed at first sign-in.
        mustChangePassword: true,
      },
    })
    .catch((e: unknown) => conflictOn(e, `用户名“${input.username}”已被使用`));
  await auditChange(ctx, 'USER_CREATE', 'User', user.id, {
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
  });
  return { id: user.id, username: user.username };
}

export async function updateUser(ctx: AdminContext, id: string, input: UserUpdate) {
  await requireOperation(ctx, 'user.edit');
  const before = await mustExist(id);
  if (input.departmentId) await departmentMustExist(input.departmentId);
  const user = await db.user.update({ where: { id }, data: input });
  await auditChange(ctx, 'USER_UPDATE', 'User', id, {
    before: { displayName: before.displayName, departmentId: before.departmentId },
    after: { displayName: user.displayName, departmentId: user.departmentId },
  });
}

export async function disableUser(ctx: AdminContext, id: string, reason: string): Promise<void> {
  await requireOperation(ctx, 'user.disable');
  if (id === ctx.actor.id) await refuse(ctx, 'USER_DISABLE', '不能停用自己的账号', id);
  await mustExist(id);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: { status: 'DISABLED', disabledReason: reason, disabledAt: new Date() },
    });
    await endSessions(tx, id);
  });
  await auditChange(ctx, 'USER_DISABLE', 'User', id, { reason });
}

export async function enableUser(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'user.disable');
  if (id === ctx.actor.id) await refuse(ctx, 'USER_ENABLE', '不能启用自己的账号', id);
  await mustExist(id);
  await db.user.update({
    where: { id },
    // The dormancy clock restarts, or the nightly job would disable the account again.
    data: { status: 'ACTIVE', disabledReason: null, disabledAt: null, reactivatedAt: new Date() },
  });
  await auditChange(ctx, 'USER_ENABLE', 'User', id);
}

/** Sets a temporary password that must be changed at the next sign-in; also lifts a lockout. */
export async function resetPassword(ctx: AdminContext, id: string, password: string): Promise<void> {
  await requireOperation(ctx, 'user.resetPassword');
  if (id === ctx.actor.id) await refuse(ctx, 'USER_RESET_PASSWORD', '请通过“修改密码”修改自己的密码', id);
  const user = await mustExist(id);
  checkPassword(password, user.username);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null },
    });
    await endSessions(tx, id);
  });
  await auditChange(ctx, 'USER_RESET_PASSWORD', 'User', id);
}

/** Lifts a lockout after failed sign-ins before its 30 minutes are over. */
export async function unlockUser(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'user.unlock');
  await mustExist(id);
  await unlockAccount(ctx.actor, id, ctx.ip);
}

/** Removes a lost authenticator; the user enrols a new one at the next sign-in. Never one's own. */
export async function resetUserTotp(ctx: AdminContext, id: string): Promise<void> {
  await requireOperation(ctx, 'user.resetTotp');
  if (id === ctx.actor.id) await refuse(ctx, 'USER_RESET_TOTP', '不能重置自己的验证器', id);
  await mustExist(id);
  await db.$transaction((tx) => endSessions(tx, id));
  await resetTotp(ctx.actor, id, ctx.ip);
}

/** Revokes every session of a user: stale session version for tokens, no server-side session rows. */
async function endSessions(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await tx.userSession.deleteMany({ where: { userId } });
}

function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new ValidationError(problems.join('；'));
}

async function mustExist(id: string) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError('用户不存在');
  return user;
}

async function departmentMustExist(id: string): Promise<void> {
  if (!(await db.department.findUnique({ where: { id }, select: { id: true } })))
    throw new ValidationError('所选部门不存在');
}
