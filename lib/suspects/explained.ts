// The workflow's side of an explanation: the app claimed the rows and saved the provider's reasons;
// this writes the batch's history line and says who reviews them. Idempotent through the caller's dedup key.
import type { Db } from '@/lib/db';
import { recordEvent } from '@/lib/batches/events';
import { suspectCounts, type SuspectCounts } from './counts';

export interface ExplainResult extends SuspectCounts {
  explainedNow: number;
  /** The credit centre's department, which reviews explanations. */
  centreDeptId: string;
}

/** The department that reviews explanations: the first credit-centre department. */
export async function reviewingCentre(db: Db): Promise<{ id: string; name: string }> {
  const centre = await db.department.findFirst({
    where: { kind: 'CENTRE' },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, name: true },
  });
  if (!centre) throw new Error('no credit centre department is configured');
  return centre;
}

export async function recordExplanations(
  db: Db,
  input: { batchId: string; itemIds: string[]; actor: { id: string; name: string } },
  dedupKey: string,
): Promise<ExplainResult> {
  const explainedNow = await db.suspectItem.count({
    where: { id: { in: input.itemIds }, batchId: input.batchId, status: 'EXPLAINED' },
  });
  const centre = await reviewingCentre(db);
  // A line says what happened: an action that explained nothing (its rows taken back) leaves none.
  if (explainedNow > 0)
    await recordEvent(db, {
      batchId: input.batchId,
      kind: 'FIX_EXPLAINED',
      message: `${input.actor.name} 对 ${explainedNow} 条置疑数据说明理由，申请${centre.name}确认`,
      actorId: input.actor.id,
      actorName: input.actor.name,
      dedupKey,
    });
  return { explainedNow, centreDeptId: centre.id, ...(await suspectCounts(db, input.batchId)) };
}
