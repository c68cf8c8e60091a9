// The audit log: every access and change, append-only (a database trigger refuses UPDATE and
// DELETE) and hash-chained, so an edited or removed row breaks the chain that audit:verify recomputes.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import type { Db, Prisma } from '@/lib/db';

export interface AuditEntry {
  userId?: string | null;
  username?: string | null;
  deptId?: string | null;
  ip?: string | null;
  module: string;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result?: 'OK' | 'FAIL' | 'DENIED';
  detail?: Prisma.InputJsonValue;
}

/** Who acted and from where, as every entry names them. */
export function actorOf(
  user: { id: string; username: string; departmentId: string | null },
  ip: string | null | undefined,
): Pick<AuditEntry, 'userId' | 'username' | 'deptId' | 'ip'> {
  return { userId: user.id, username: user.username, deptId: user.departmentId, ip: ip ?? null };
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the previous hash and the row. The row is canonical JSON: `detail` comes back from JSONB with
 * its keys reordered, and verification (lib/audit/verify.ts) must get the same bytes as the writer did.
 */
export function chainHash(prevHash: string, row: Omit<AuditEntry, 'detail'> & { at: Date; detail?: unknown }): string {
  const canonical = canonicalJson([
    row.at.toISOString(),
    row.userId ?? null,
    row.username ?? null,
    row.deptId ?? null,
    row.ip ?? null,
    row.module,
    row.action,
    row.objectType ?? null,
    row.objectId ?? null,
    row.result ?? 'OK',
    row.detail ?? null,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.$transaction(async (tx) => {
    // One writer at a time extends the chain; the lock is held only for this short transaction.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7351001)`;
    const last = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
    const prevHash = last?.hash ?? GENESIS_HASH;
    const at = new Date();
    const result = entry.result ?? 'OK';
    const hash = chainHash(prevHash, { ...entry, at, result });
    await tx.auditLog.create({
      data: {
        at,
        userId: entry.userId ?? null,
        username: entry.username ?? null,
        deptId: entry.deptId ?? null,
        ip: entry.ip ?? null,
        module: entry.module,
        action: entry.action,
        objectType: entry.objectType ?? null,
        objectId: entry.objectId ?? null,
        result,
        detail: entry.detail,
        prevHash,
        hash,
      },
    });
  });
}
