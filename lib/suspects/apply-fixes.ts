// Stores the rows a department corrected: each is checked again against the batch's catalog
// version; a passing row is stored as a normal record with its lineage, a failing one goes back to OPEN
// with its new problems. Idempotent: only items still marked FIX_SUBMITTED are processed. Every outcome is a
// line of the row's fix trace, and the stored rows get their timeliness flag.
import { checkRow } from '@/lib/catalog/check-row';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import type { Db } from '@/lib/db';
import { recordEvent } from '@/lib/batches/events';
import { storeRows } from '@/lib/import/store-rows';
import { flagLateRecords } from '@/lib/records/timeliness';
import { recordFixEvents, type FixEventInput } from './events';
import { suspectCounts, UNRESOLVED, type SuspectCounts } from './counts';

export interface ApplyFixesResult extends SuspectCounts {
  stored: number;
  stillSuspect: number;
}

export { UNRESOLVED };

export async function applySuspectFixes(
  db: Db,
  input: { batchId: string; itemIds: string[]; actor: { id: string; name: string } },
): Promise<ApplyFixesResult> {
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: input.batchId } });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { id: { in: input.itemIds }, batchId: batch.id, status: 'FIX_SUBMITTED' },
  });
  const today = new Date();
  const checked = items.map((item) => {
    const values = unsealJson<RowValues>(item.fixSealed ?? item.rowSealed);
    return { item, ...checkRow(def, values, { today }) };
  });

  await db.$transaction(async (tx) => {
    const valid = checked.filter((c) => c.problems.length === 0);
    const outcomes = await storeRows(
      tx,
      { def, batchId: batch.id, providerDeptId: batch.providerDeptId },
      valid.map((c) => ({ rowNumber: c.item.rowNumber, values: c.values })),
    );
    const byRow = new Map(outcomes.map((o) => [o.rowNumber, o]));
    let fixed = 0;
    const trace: FixEventInput[] = [];
    for (const c of checked) {
      const o = byRow.get(c.item.rowNumber);
      const round = c.item.round + 1;
      if (o && o.outcome !== 'SUSPECT') {
        fixed += 1;
        trace.push({
          suspectItemId: c.item.id,
          round,
          kind: 'FIX_STORED',
          message: `第 ${round} 次修复通过校验，已入库`,
          actor: input.actor,
          data: { recordId: o.recordId, outcome: o.outcome },
        });
        await tx.suspectItem.update({
          where: { id: c.item.id },
          data: {
            status: 'FIXED',
            recordId: o.recordId,
            resolvedAt: new Date(),
            resolvedById: input.actor.id,
            round: { increment: 1 },
          },
        });
      } else {
        const problems = o?.outcome === 'SUSPECT' ? o.problems : c.problems;
        trace.push({
          suspectItemId: c.item.id,
          round,
          kind: 'FIX_FAILED',
          message: `第 ${round} 次修复仍未通过校验：${problems.map((p) => p.message).join('；')}`,
          actor: input.actor,
          data: { problems: problems as object[] },
        });
        await tx.suspectItem.update({
          where: { id: c.item.id },
          data: { status: 'OPEN', problems: problems as object[], round: { increment: 1 } },
        });
      }
    }
    await recordFixEvents(tx, trace);
    if (checked.length) {
      await tx.importBatch.update({ where: { id: batch.id }, data: { rowsFixed: { increment: fixed } } });
      await recordEvent(tx, {
        batchId: batch.id,
        kind: 'FIX_RESUBMITTED',
        message: `${input.actor.name} 重新上报 ${checked.length} 条置疑数据：入库 ${fixed} 条，仍未通过 ${checked.length - fixed} 条`,
        actorId: input.actor.id,
        actorName: input.actor.name,
        data: { rows: checked.map((c) => c.item.rowNumber) },
      });
    }
  });

  const storedIds = (
    await db.suspectItem.findMany({ where: { id: { in: input.itemIds }, status: 'FIXED' }, select: { recordId: true } })
  ).flatMap((i) => (i.recordId ? [i.recordId] : []));
  if (storedIds.length) await flagLateRecords(db, batch.id, storedIds);
  const [stored, counts] = await Promise.all([
    db.suspectItem.count({ where: { id: { in: input.itemIds }, status: 'FIXED' } }),
    suspectCounts(db, batch.id),
  ]);
  return { stored, stillSuspect: input.itemIds.length - stored, ...counts };
}
