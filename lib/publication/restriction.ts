// Controlled subjects (受控主体, R-2.5): credit-centre staff mark a subject as restricted, or lift it, with a
// reason. While restricted, none of its records reaches a public or shared view (./rule.ts,
// lib/records/controlled.ts). Every change and every refused attempt is in the audit log.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/load-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';

export const subjectRestrictionSchema = z.object({
  restricted: z.boolean({ error: '请选择设为受控或解除受控' }),
  reason: z.string({ error: '请写明原因' }).trim().min(4, '请写明原因（至少4个字）').max(500, '原因最多500字'),
});
export type SubjectRestrictionInput = z.infer<typeof subjectRestrictionSchema>;

export interface SubjectRestriction {
  subjectId: string;
  restricted: boolean;
  restrictedAt: Date | null;
  restrictedReason: string | null;
}

/** Sets or lifts the restriction of one subject; refuses a change to the state it is already in. */
export async function setSubjectRestriction(
  user: CurrentUser,
  subjectId: string,
  input: SubjectRestrictionInput,
  ip: string | null,
): Promise<SubjectRestriction> {
  const action = input.restricted ? 'RESTRICT' : 'UNRESTRICT';
  const audit = { ...actorOf(user, ip), module: 'subject', action, objectType: 'Subject', objectId: subjectId };
  if (!user.permissions.has('subject:restrict')) {
    await writeAudit(db, { ...audit, result: 'DENIED' });
    throw new ForbiddenError('没有设置受控主体的权限');
  }
  const now = new Date();
  // Conditional on the current state: of two staff changing the same subject at once, exactly one wins.
  const { count } = await db.subject.updateMany({
    where: { id: subjectId, restricted: !input.restricted },
    data: input.restricted
      ? { restricted: true, restrictedAt: now, restrictedById: user.id, restrictedReason: input.reason }
      : { restricted: false, restrictedAt: null, restrictedById: null, restrictedReason: null },
  });
  if (!count) {
    const exists = await db.subject.findUnique({ where: { id: subjectId }, select: { id: true } });
    if (!exists) throw new NotFoundError('主体不存在');
    throw new ConflictError(input.restricted ? '该主体已是受控主体' : '该主体不是受控主体');
  }
  await writeAudit(db, { ...audit, detail: { reason: input.reason } });
  return {
    subjectId,
    restricted: input.restricted,
    restrictedAt: input.restricted ? now : null,
    restrictedReason: input.restricted ? input.reason : null,
  };
}
