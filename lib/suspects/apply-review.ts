// Applies the credit centre's decisions on explained rows (R-2.3): an accepted row is stored as it is, with
// the provider's explanation kept on the suspect item; a returned row goes back to the provider (OPEN) with
// the centre's comment as a row-level problem. Idempotent: only items still EXPLAINED with a decision are
// processed, and everything for one call commits together.
import { recordEvent } from '@/lib/batches/events';
import { checkRow } from '@/lib/catalog/check-row';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import type { Db } from '@/lib/db';
import { flagLateRecords } from '@/lib/records/timeliness';
import { suspectCounts, type SuspectCounts } from './counts';
import { recordFixEvents, type FixEventInput } from './events';
import { storeAccepted } from './store-accepted';
import { readProblems } from '@/lib/catalog/json-columns';

export const CENTRE_RETURNED = 'CENTRE_RETURNED';

export interface ApplyReviewResult extends SuspectCounts {
  accepted: number;
  returned: number;
}

export async function applyReview(
  db: Db,
  input: { batchId: string; itemIds: string[]; actor: { id: string; name: string } },
): Promise<ApplyReviewResult> {
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: input.batchId } });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { id: { in: input.itemIds }, batchId: batch.id, status: 'EXPLAINED', reviewDecision: { not: null } },
    orderBy: { rowNumber: 'asc' },
  });
  const today = new Date();
  let accepted = 0;
  let returned = 0;
  const acceptedIds: string[] = [];

  await db.$transaction(
    async (tx) => {
      const trace: FixEventInput[] = [];
      for (const item of items) {
        const round = item.round + 1;
        if (item.reviewDecision === 'ACCEPT') {
          // Normalised as far as it goes (dates, codes); values that break a rule are kept as the provider sent them.
          const { values } = checkRow(def, unsealJson<RowValues>(item.fixSealed ?? item.rowSealed), { today });
          const recordId = await storeAccepted(tx, def, batch, item, values);
          await tx.suspectItem.update({
            where: { id: item.id },
            data: { status: 'ACCEPTED', recordId, resolvedAt: new Date(), resolvedById: item.reviewedById },
          });
          trace.push({
            suspectItemId: item.id,
            round,
            kind: 'ACCEPTED',
            message: `信用中心 ${input.actor.name} 同意说明，按原样入库${item.reviewComment ? `：${item.reviewComment}` : ''}`,
            actor: input.actor,
            data: { recordId },
          });
          accepted += 1;
          acceptedIds.push(recordId);
        } else {
          const comment = item.reviewComment ?? '';
          const problems = readProblems(item.problems).filter((p) => p.code !== CENTRE_RETURNED);
          problems.push({ field: null, code: CENTRE_RETURNED, message: `信用中心未同意说明：${comment}` });
          await tx.suspectItem.update({
            where: { id: item.id },
            data: { status: 'OPEN', reviewDecision: null, problems: problems as object[] },
          });
          trace.push({
            suspectItemId: item.id,
            round,
            kind: 'RETURNED',
            message: `信用中心 ${input.actor.name} 退回说明：${comment}`,
            actor: input.actor,
          });
          returned += 1;
        }
      }
      await recordFixEvents(tx, trace);
      if (items.length) {
        await recordEvent(tx, {
          batchId: batch.id,
          kind: 'EXPLANATION_REVIEWED',
          message: `信用中心 ${input.actor.name} 审核置疑说明：同意入库 ${accepted} 条，退回修复 ${returned} 条`,
          actorId: input.actor.id,
          actorName: input.actor.name,
          data: { rows: items.map((i) => i.rowNumber) },
        });
      }
    },
    { timeout: 60_000 },
  );
  if (acceptedIds.length) await flagLateRecords(db, batch.id, acceptedIds);
  return { accepted, returned, ...(await suspectCounts(db, batch.id)) };
}
