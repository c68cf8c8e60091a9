// Claiming suspect rows for one submission. Two submissions of the same rows at once (a double click,
// two tabs) must not both pass an "is it open?" check: each claims its rows inside its transaction, locking
// them in one order and moving them out of OPEN with a conditional update, so exactly one submission wins and
// the others are refused before they write anything — no state, no text, no trace line.
import type { Db, Prisma } from '@/lib/db';
import { ConflictError } from '@/lib/errors';

type Tx = Prisma.TransactionClient;

/** The rows are with another submission of this task, still being applied or waiting for the centre. */
export const ROWS_BEING_PROCESSED =
  '所选数据正在处理中（可能已从其他窗口或重复点击提交），请勿重复提交，稍后刷新页面查看结果';
/** The rows were resolved before this submission looked (e.g. by a faster copy of it), or are not the task's. */
export const ROWS_GONE = '部分数据已处理或不属于本任务，请刷新页面';

/** What a claimed row was before this submission, so a refusal can put it back exactly. */
export interface ClaimedItem {
  id: string;
  round: number;
  explanation: string | null;
  reviewDecision: string | null;
}

/**
 * Claims OPEN rows of a batch for a resubmission (FIX_SUBMITTED) or an explanation (EXPLAINED), all or none.
 * Throws a ConflictError (409) when any row is not OPEN by the time this transaction holds its lock.
 */
export async function claimOpenItems(
  tx: Tx,
  batchId: string,
  itemIds: string[],
  status: 'FIX_SUBMITTED' | 'EXPLAINED',
): Promise<ClaimedItem[]> {
  const before = await lockItems(tx, batchId, itemIds);
  const claimed = await tx.suspectItem.updateManyAndReturn({
    where: { id: { in: itemIds }, batchId, status: 'OPEN' },
    data: { status },
    select: { id: true },
  });
  if (claimed.length !== itemIds.length) throw conflictFor(before, itemIds, takenBySubmission);
  return before;
}

/** The conflict to answer when a first, unlocked look finds rows that are no longer OPEN. */
export async function unclaimableConflict(db: Db, batchId: string, itemIds: string[]): Promise<ConflictError> {
  const items = await db.suspectItem.findMany({
    where: { id: { in: itemIds }, batchId },
    select: { status: true, reviewDecision: true },
  });
  return conflictFor(items, itemIds, takenBySubmission);
}

const takenBySubmission = (i: { status: string }) => i.status === 'FIX_SUBMITTED' || i.status === 'EXPLAINED';

/**
 * Claims explained rows for the centre's decisions: only rows still EXPLAINED without a decision. Throws a
 * ConflictError when any row was decided meanwhile.
 */
export async function claimExplainedItems(tx: Tx, batchId: string, itemIds: string[]): Promise<void> {
  const before = await lockItems(tx, batchId, itemIds);
  const pending = before.filter((i) => i.status === 'EXPLAINED' && i.reviewDecision === null);
  if (pending.length !== itemIds.length)
    throw conflictFor(before, itemIds, (i) => i.status === 'EXPLAINED' && i.reviewDecision !== null);
}

type Locked = ClaimedItem & { status: string };

/**
 * Row locks in id order: a concurrent claim of overlapping rows waits here for the first to commit (never a
 * deadlock), and every later statement of this transaction sees what the first committed.
 */
async function lockItems(tx: Tx, batchId: string, itemIds: string[]): Promise<Locked[]> {
  return tx.$queryRaw<Locked[]>`
    SELECT id, round, status::text AS status, explanation, "reviewDecision"
      FROM "SuspectItem"
     WHERE id = ANY(${itemIds}::uuid[]) AND "batchId" = ${batchId}::uuid
     ORDER BY id
       FOR UPDATE`;
}

/** Rows taken by another submission are "being processed"; rows resolved or foreign mean a stale page. */
function conflictFor<T extends { status: string; reviewDecision: string | null }>(
  locked: T[],
  itemIds: string[],
  taken: (i: T) => boolean,
): ConflictError {
  const inFlight = locked.length === new Set(itemIds).size && locked.some(taken);
  return new ConflictError(inFlight ? ROWS_BEING_PROCESSED : ROWS_GONE);
}
