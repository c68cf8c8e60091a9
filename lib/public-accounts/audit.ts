// Audit entries of the public realm: no staff user, so the actor is named `public:<account id>` and the
// account id travels in the detail; the module is always `public-account`.
import { writeAudit } from '@/lib/audit';
import { db, type Prisma } from '@/lib/db';

export async function auditPublic(e: {
  accountId: string | null;
  ip: string | null;
  action: string;
  objectType?: string;
  objectId?: string;
  result?: 'OK' | 'FAIL' | 'DENIED';
  detail?: Prisma.InputJsonValue;
}): Promise<void> {
  await writeAudit(db, {
    username: e.accountId ? `public:${e.accountId}` : 'public:anonymous',
    ip: e.ip,
    module: 'public-account',
    action: e.action,
    objectType: e.objectType ?? (e.accountId ? 'PublicAccount' : null),
    objectId: e.objectId ?? e.accountId,
    result: e.result ?? 'OK',
    detail: e.detail,
  });
}
