// The workflow's side of centre feedback: apply the provider's corrections, close the case, return
// items for another round. Each step is idempotent: it only touches items still in the state it expects,
// and trace lines written on retry carry dedup keys.
import { checkRow } from '@/lib/catalog/check-row';
import { naturalKeyOf } from '@/lib/catalog/keys';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import type { Db } from '@/lib/db';
import { storeRows } from '@/lib/import/store-rows';
import { flagLateRecords } from '@/lib/records/timeliness';
import { recordFixEvents, type FixEventInput } from '@/lib/suspects/events';

type Actor = { id: string; name: string };

export interface FeedbackResponseResult {
  corrected: number;
  failed: number;
  explained: number;
  /** Items still with the provider (OPEN or SUBMITTED). */
  open: number;
}

export async function applyFeedbackResponse(
  db: Db,
  input: { caseId: string; itemIds: string[]; actor: Actor },
): Promise<FeedbackResponseResult> {
  const fc = await db.feedbackCase.findUniqueOrThrow({ where: { id: input.caseId }, select: { round: true } });
  const items = await db.feedbackItem.findMany({
    where: { id: { in: input.itemIds }, caseId: input.caseId, status: 'SUBMITTED' },
    include: { record: true },
  });
  let corrected = 0;
  let failed = 0;
  const touched: { batchId: string; recordId: string }[] = [];
  for (const item of items) {
    const record = item.record;
    const def = await loadCatalogDef(db, record.catalogVersionId);
    const { values, problems } = checkRow(def, unsealJson<RowValues>(item.fixSealed!), { today: new Date() });
    // A correction changes a record's content, never which record it is (the natural key).
    if (!problems.length && naturalKeyOf(def, values) !== record.naturalKey)
      problems.push({
        field: null,
        code: 'KEY_CHANGED',
        message: '更正不能修改记录的唯一标识（相对人代码/证件号码与决定文书号）',
      });
    await db.$transaction(async (tx) => {
      const outcome = problems.length
        ? null
        : (
            await storeRows(tx, { def, batchId: record.batchId, providerDeptId: record.providerDeptId }, [
              { rowNumber: record.rowNumber, values },
            ])
          )[0];
      const trace: FixEventInput = {
        feedbackItemId: item.id,
        round: fc.round,
        actor: input.actor,
        kind: 'CORRECTED',
        message: '',
      };
      if (outcome?.outcome === 'UPDATED') {
        const { revision } = await tx.creditRecord.findUniqueOrThrow({
          where: { id: record.id },
          select: { revision: true },
        });
        await tx.feedbackItem.update({ where: { id: item.id }, data: { status: 'CORRECTED', revision } });
        trace.message = `${input.actor.name} 更正记录，生成第 ${revision} 版`;
        trace.data = { revision };
        corrected += 1;
        touched.push({ batchId: record.batchId, recordId: record.id });
      } else {
        const why =
          outcome?.outcome === 'SUSPECT'
            ? outcome.problems
            : outcome
              ? [{ message: '更正后的内容与原记录相同' }]
              : problems;
        await tx.feedbackItem.update({ where: { id: item.id }, data: { status: 'OPEN' } });
        trace.kind = 'FIX_FAILED';
        trace.message = `更正未通过校验：${why.map((p) => p.message).join('；')}`;
        trace.data = { problems: why as object[] };
        failed += 1;
      }
      await recordFixEvents(tx, [trace]);
    });
  }
  for (const t of touched) await flagLateRecords(db, t.batchId, [t.recordId]);
  const counts = await db.feedbackItem.groupBy({ by: ['status'], where: { caseId: input.caseId }, _count: true });
  const n = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
  const open = n('OPEN') + n('SUBMITTED');
  if (open === 0)
    await db.feedbackCase.updateMany({ where: { id: input.caseId, status: 'OPEN' }, data: { status: 'REVIEW' } });
  return { corrected, failed, explained: n('EXPLAINED'), open };
}

export async function closeFeedbackCase(db: Db, input: { caseId: string; actor: Actor }): Promise<void> {
  const fc = await db.feedbackCase.findUniqueOrThrow({ where: { id: input.caseId }, include: { items: true } });
  await db.$transaction(async (tx) => {
    await tx.feedbackCase.updateMany({
      where: { id: fc.id, status: { not: 'CLOSED' } },
      data: { status: 'CLOSED', closedAt: new Date(), closedById: input.actor.id },
    });
    await recordFixEvents(
      tx,
      fc.items.map((i) => ({
        feedbackItemId: i.id,
        round: fc.round,
        kind: 'CLOSED',
        message: `信用中心 ${input.actor.name} 办结反馈 ${fc.number}`,
        actor: input.actor,
        dedupKey: `${i.id}:closed`,
      })),
    );
  });
}

/** Items the centre sends back (their comments were saved by the app) go to the provider's next round. */
export async function returnFeedbackItems(
  db: Db,
  input: { caseId: string; itemIds: string[]; actor: Actor },
): Promise<{ returned: number }> {
  return db.$transaction(async (tx) => {
    const fc = await tx.feedbackCase.findUniqueOrThrow({ where: { id: input.caseId } });
    if (fc.status !== 'REVIEW') return { returned: 0 }; // already applied by an earlier attempt
    const items = await tx.feedbackItem.findMany({
      where: { id: { in: input.itemIds }, caseId: fc.id, status: { in: ['CORRECTED', 'EXPLAINED'] } },
    });
    await tx.feedbackItem.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { status: 'OPEN' } });
    await tx.feedbackCase.update({ where: { id: fc.id }, data: { status: 'OPEN', round: fc.round + 1 } });
    await recordFixEvents(
      tx,
      items.map((i) => ({
        feedbackItemId: i.id,
        round: fc.round,
        kind: 'RETURNED',
        message: `信用中心 ${input.actor.name} 退回：${i.centreComment ?? ''}`,
        actor: input.actor,
      })),
    );
    return { returned: items.length };
  });
}

export async function recordFeedbackDeadline(
  db: Db,
  input: { caseId: string; step: string; kind: 'OVERDUE' | 'ESCALATED'; message: string },
): Promise<void> {
  const fc = await db.feedbackCase.findUniqueOrThrow({ where: { id: input.caseId }, include: { items: true } });
  await recordFixEvents(
    db,
    fc.items.map((i) => ({
      feedbackItemId: i.id,
      round: fc.round,
      kind: input.kind,
      message: input.message,
      dedupKey: `${i.id}:${input.step}:${input.kind}`,
    })),
  );
}
