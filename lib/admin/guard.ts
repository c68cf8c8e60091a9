// The one gate of every administration service: the actor must hold the operation's permission and the
// operation must be switched on. Refusals are audited (DENIED), so escalation attempts show in the log;
// every change is audited with its object. Services check even when the route already did: server
// actions, scripts and tests call them directly.
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { operationDef, type OperationCode, type PermissionCode } from '@/lib/auth/permissions';
import { db, Prisma } from '@/lib/db';
import { ConflictError, ForbiddenError } from '@/lib/errors';

export interface AdminContext {
  actor: CurrentUser;
  ip: string | null;
}

export async function requireOperation(ctx: AdminContext, operation: OperationCode): Promise<void> {
  const def = operationDef(operation);
  if (!def || !ctx.actor.permissions.has(def.permission)) {
    await deny(ctx, operation, 'missing permission');
    throw new ForbiddenError();
  }
  if (ctx.actor.disabledOperations.has(operation)) {
    await deny(ctx, operation, 'operation disabled');
    throw new ForbiddenError(`“${def.label}”功能已被停用`);
  }
}

/** Reading administration data: any one of the permissions will do. */
export async function requireAnyPermission(ctx: AdminContext, ...permissions: PermissionCode[]): Promise<void> {
  if (permissions.some((p) => ctx.actor.permissions.has(p))) return;
  await deny(ctx, 'read', 'missing permission', { needs: permissions });
  throw new ForbiddenError();
}

/** A refusal on a rule rather than a permission (三权分立, self-administration): audited, then thrown. */
export async function refuse(ctx: AdminContext, action: string, message: string, objectId?: string): Promise<never> {
  await deny(ctx, action, message, undefined, objectId);
  throw new ForbiddenError(message);
}

export async function auditChange(
  ctx: AdminContext,
  action: string,
  objectType: string,
  objectId: string,
  detail?: Prisma.InputJsonValue,
): Promise<void> {
  await writeAudit(db, {
    ...actorOf(ctx.actor, ctx.ip),
    module: 'admin',
    action,
    objectType,
    objectId,
    detail,
  });
}

async function deny(
  ctx: AdminContext,
  action: string,
  reason: string,
  extra?: Record<string, Prisma.InputJsonValue>,
  objectId?: string,
): Promise<void> {
  await writeAudit(db, {
    ...actorOf(ctx.actor, ctx.ip),
    module: 'admin',
    action,
    objectId: objectId ?? null,
    result: 'DENIED',
    detail: { reason, ...extra },
  });
}

/** Unique-constraint and foreign-key failures of Prisma become a 409 the user can read. */
export function conflictOn(err: unknown, message: string): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && ['P2002', 'P2003', 'P2014'].includes(err.code))
    throw new ConflictError(message);
  throw err;
}
