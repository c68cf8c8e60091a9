// Where a batch's return-and-fix loop stands: rows with the provider, rows waiting for the centre, and all
// rows not yet resolved. The workflow decides its next step from these counts (activities return them).
import type { Db } from '@/lib/db';

export const UNRESOLVED = ['OPEN', 'FIX_SUBMITTED', 'EXPLAINED'] as const;

export interface SuspectCounts {
  /** With the provider: OPEN or FIX_SUBMITTED. */
  open: number;
  /** Waiting for the credit centre to accept or return. */
  explained: number;
  /** open + explained. */
  remaining: number;
}

export async function suspectCounts(db: Db, batchId: string): Promise<SuspectCounts> {
  const groups = await db.suspectItem.groupBy({
    by: ['status'],
    where: { batchId, status: { in: [...UNRESOLVED] } },
    _count: true,
  });
  const n = (s: string) => groups.find((g) => g.status === s)?._count ?? 0;
  const open = n('OPEN') + n('FIX_SUBMITTED');
  const explained = n('EXPLAINED');
  return { open, explained, remaining: open + explained };
}
