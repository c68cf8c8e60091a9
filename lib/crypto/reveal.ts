// Revealing a personal value (R-8.1, PIPL Art. 51): screens show personal fields masked; a user whose role
// holds personal:reveal may ask for one clear value of one record at a time, within their data scope, and
// every reveal (and every refused one) is a line of the audit log naming the record and the field.
import { actorOf, writeAudit } from '@/lib/audit';
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { isPersonalField } from './mask';
import { unsealJson } from './pii';

export async function revealPersonal(
  user: CurrentUser,
  recordId: string,
  field: string,
  ip: string | null = null,
): Promise<string | null> {
  const audit = (result: 'OK' | 'DENIED', label?: string) =>
    writeAudit(db, {
      ...actorOf(user, ip),
      module: 'personal',
      action: 'READ',
      objectType: 'CreditRecord',
      objectId: recordId,
      result,
      detail: { field, ...(label ? { label } : {}) },
    });
  if (!user.permissions.has('personal:reveal')) {
    await audit('DENIED');
    throw new ForbiddenError('没有查看个人敏感信息的权限');
  }
  const record = await db.creditRecord.findUnique({
    where: { id: recordId },
    select: {
      providerDeptId: true,
      sealed: true,
      data: true,
      catalogVersion: {
        select: { fields: { where: { key: field }, select: { label: true, type: true, personal: true } } },
      },
    },
  });
  // Another department's record does not exist for this user.
  if (!record || !canSeeDept(user, record.providerDeptId)) throw new NotFoundError('未找到该记录');
  const def = record.catalogVersion.fields[0];
  if (!def || !isPersonalField(def)) throw new ValidationError('该字段不是个人敏感信息');
  // Sealed as it should be; a value an older catalog version kept in clear is still only shown this way.
  const sealed = record.sealed ? unsealJson<Record<string, string>>(record.sealed) : {};
  const value = sealed[field] ?? (record.data as Record<string, string> | null)?.[field] ?? null;
  await audit('OK', def.label);
  return value;
}
