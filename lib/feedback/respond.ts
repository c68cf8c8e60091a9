// The providing department's side of centre feedback: it sees the records the centre sent back with
// the reason, and corrects each (checked here, then stored by the workflow as a new revision) or explains why
// it is right. The items are claimed and the answers saved first, then handed to the workflow.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { checkRow } from '@/lib/catalog/check-row';
import { naturalKeyOf } from '@/lib/catalog/keys';
import { rowValuesSchema } from '@/lib/catalog/row-values';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { sealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError, ValidationError } from '@/lib/errors';
import { changedKeys, recordValues } from '@/lib/records/values';
import { ensureCanAct } from '@/lib/tasks/inbox';
import { submitTaskAction, type TaskActionReply } from '@/lib/tasks/task-action';
import { caseIdOf } from './view';

/** The records were answered before this submission looked, or are not the case's. */
export const RECORDS_GONE = '部分记录已处理或不属于本任务，请刷新页面';

export const RECORDS_BEING_PROCESSED =
  '所选记录正在处理中（可能已从其他窗口或重复点击提交），请勿重复提交，稍后刷新页面查看结果';

export const feedbackResponseSchema = z.object({
  items: z
    .array(
      z.discriminatedUnion('action', [
        z.object({
          itemId: z.string().uuid(),
          action: z.literal('correct'),
          values: rowValuesSchema(4000),
        }),
        z.object({
          itemId: z.string().uuid(),
          action: z.literal('explain'),
          explanation: z.string().trim().min(4, '请写明理由（至少4个字）').max(1000, '理由最多1000字'),
        }),
      ]),
    )
    .min(1, '请至少处理一条记录')
    .max(200),
});
export type FeedbackResponseInput = z.infer<typeof feedbackResponseSchema>;

export async function submitFeedbackResponse(
  user: CurrentUser,
  taskId: string,
  input: FeedbackResponseInput,
  ip: string | null,
): Promise<TaskActionReply> {
  const task = await ensureCanAct(user, taskId);
  const caseId = caseIdOf(task, 'CENTRE_FEEDBACK');
  const fc = await db.feedbackCase.findUniqueOrThrow({ where: { id: caseId } });
  const itemIds = input.items.map((i) => i.itemId);
  const items = await db.feedbackItem.findMany({
    where: { id: { in: itemIds }, caseId, status: 'OPEN' },
    include: { record: true },
  });
  if (items.length !== input.items.length) throw new ConflictError(RECORDS_GONE);
  const byId = new Map(items.map((i) => [i.id, i]));

  const defs = new Map<string, CatalogDef>();
  const failing: { itemId: string; problems: Problem[] }[] = [];
  const corrections = new Map<string, RowValues>();
  for (const answer of input.items) {
    if (answer.action !== 'correct') continue;
    const { record } = byId.get(answer.itemId)!;
    const def = defs.get(record.catalogVersionId) ?? (await loadCatalogDef(db, record.catalogVersionId));
    defs.set(record.catalogVersionId, def);
    const known = new Set(def.fields.map((f) => f.key));
    const raw = Object.fromEntries(Object.entries(answer.values).filter(([k]) => known.has(k)));
    const { values, problems } = checkRow(def, raw, { today: new Date() });
    if (!problems.length && naturalKeyOf(def, values) !== record.naturalKey)
      problems.push({
        field: null,
        code: 'KEY_CHANGED',
        message: '更正不能修改记录的唯一标识（相对人代码/证件号码与决定文书号）',
      });
    if (!problems.length && changedKeys(recordValues(record), values).length === 0)
      problems.push({ field: null, code: 'UNCHANGED', message: '没有修改任何内容；如记录无误，请说明理由' });
    if (problems.length) failing.push({ itemId: answer.itemId, problems });
    corrections.set(answer.itemId, values);
  }
  if (failing.length)
    throw new ValidationError(`有 ${failing.length} 条更正未通过校验，请修改后再提交`, { rows: failing });

  const now = new Date();
  const eventIds = await db.$transaction(async (tx) => {
    // The claim: of two submissions of the same items at once (a double click, two tabs), exactly one moves
    // them out of OPEN; the other is refused here and writes nothing.
    const { count } = await tx.feedbackItem.updateMany({
      where: { id: { in: itemIds }, caseId, status: 'OPEN' },
      data: { status: 'SUBMITTED' },
    });
    if (count !== itemIds.length) throw new ConflictError(RECORDS_BEING_PROCESSED);
    for (const answer of input.items) {
      await tx.feedbackItem.update({
        where: { id: answer.itemId },
        data:
          answer.action === 'correct'
            ? {
                status: 'SUBMITTED',
                fixSealed: sealJson(corrections.get(answer.itemId)),
                respondedById: user.id,
                respondedAt: now,
              }
            : { status: 'EXPLAINED', explanation: answer.explanation, respondedById: user.id, respondedAt: now },
      });
    }
    const explained = input.items.filter((a) => a.action === 'explain');
    const created = await tx.fixEvent.createManyAndReturn({
      data: explained.map((a) => ({
        feedbackItemId: a.itemId,
        round: fc.round,
        kind: 'EXPLAINED',
        message: `${user.displayName} 说明记录无误：${a.action === 'explain' ? a.explanation : ''}`,
        actorId: user.id,
        actorName: user.displayName,
      })),
      select: { id: true },
    });
    return created.map((e) => e.id);
  });
  return submitTaskAction({
    task,
    user,
    ip,
    action: 'respond',
    data: { itemIds },
    audit: {
      objectType: 'FeedbackCase',
      objectId: caseId,
      detail: { corrected: corrections.size, explained: input.items.length - corrections.size },
    },
    undo: () =>
      db.$transaction([
        db.feedbackItem.updateMany({
          where: { id: { in: itemIds }, status: { in: ['SUBMITTED', 'EXPLAINED'] } },
          data: { status: 'OPEN' },
        }),
        db.fixEvent.deleteMany({ where: { id: { in: eventIds } } }),
      ]),
  });
}
