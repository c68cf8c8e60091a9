// Centre feedback (中心反馈, R-3.4, R-2.6): credit-centre staff send stored records back to the department
// that provided them, with a reason. One case per providing department (谁提供、谁负责); each case is a
// centreFeedback workflow whose first step is a task in that department's inbox.
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/current-user';
import { canSeeDept } from '@/lib/auth/load-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enqueueWorkflowStart, START_DEFERRED_NOTICE, startEnqueued } from '@/lib/workflow-starts';
import { CENTRE_FEEDBACK_WORKFLOW } from '@/workflows/contracts';

export const sendFeedbackSchema = z.object({
  recordIds: z.array(z.string().uuid()).min(1, '请至少选择一条记录').max(200, '一次最多反馈200条记录'),
  reason: z.string().trim().min(4, '请写明反馈原因（至少4个字）').max(1000, '反馈原因最多1000字'),
});
export type SendFeedbackInput = z.infer<typeof sendFeedbackSchema>;

export const feedbackWorkflowId = (caseId: string) => `centre-feedback-${caseId}`;

export async function sendFeedback(
  user: CurrentUser,
  input: SendFeedbackInput,
  ip: string | null,
  /** Overrides the configured task queue (tests run a dedicated worker). */
  queue?: string,
): Promise<{ cases: { id: string; number: string; records: number }[]; started: boolean; notice?: string }> {
  const ids = [...new Set(input.recordIds)];
  const records = await db.creditRecord.findMany({
    where: { id: { in: ids } },
    select: { id: true, providerDeptId: true },
  });
  // Records outside the sender's data scope are reported as missing, like everywhere else.
  if (records.length !== ids.length || records.some((r) => !canSeeDept(user, r.providerDeptId)))
    throw new NotFoundError('部分记录不存在或无权查看');
  const busy = await db.feedbackItem.findMany({
    where: { recordId: { in: ids }, feedbackCase: { status: { not: 'CLOSED' } } },
    select: { feedbackCase: { select: { number: true } } },
  });
  if (busy.length)
    throw new ConflictError(`部分记录已在反馈中（${[...new Set(busy.map((b) => b.feedbackCase.number))].join('、')}）`);

  const byDept = new Map<string, string[]>();
  for (const r of records) byDept.set(r.providerDeptId, [...(byDept.get(r.providerDeptId) ?? []), r.id]);
  const cases: { id: string; number: string; records: number; providerDeptId: string }[] = [];
  for (const [providerDeptId, recordIds] of byDept) {
    const id = crypto.randomUUID();
    const number = await db.$transaction(async (tx) => {
      const [next] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('feedback_number_seq') AS seq`;
      const day = dayKeyOf(Date.now()).replace(/-/g, '');
      const created = await tx.feedbackCase.create({
        data: {
          id,
          number: `FK${day}-${String(next!.seq).padStart(6, '0')}`,
          providerDeptId,
          reason: input.reason,
          workflowId: feedbackWorkflowId(id),
          createdById: user.id,
          createdByName: user.displayName,
          items: { create: recordIds.map((recordId) => ({ recordId })) },
        },
        include: { items: { select: { id: true } } },
      });
      await tx.fixEvent.createMany({
        data: created.items.map((item) => ({
          feedbackItemId: item.id,
          round: 1,
          kind: 'FEEDBACK_SENT',
          message: `信用中心 ${user.displayName} 发出反馈（${created.number}）：${input.reason}`,
          actorId: user.id,
          actorName: user.displayName,
        })),
      });
      // By name: Next's minifier renames functions in the app bundle.
      await enqueueWorkflowStart(tx, {
        workflowType: CENTRE_FEEDBACK_WORKFLOW,
        workflowId: created.workflowId,
        args: [
          {
            caseId: id,
            caseNumber: created.number,
            providerDeptId,
            centreDeptId: user.departmentId,
            records: recordIds.length,
          },
        ],
        taskQueue: queue,
      });
      return created.number;
    });
    cases.push({ id, number, records: recordIds.length, providerDeptId });
  }

  let started = true;
  for (const c of cases) {
    // Not started (Temporal unreachable): the worker starts it once it can; the case exists and is kept.
    if (!(await startEnqueued(feedbackWorkflowId(c.id)))) started = false;
    await writeAudit(db, {
      ...actorOf(user, ip),
      module: 'data',
      action: 'FEEDBACK',
      objectType: 'FeedbackCase',
      objectId: c.id,
      detail: { number: c.number, records: c.records },
    });
  }
  return {
    cases: cases.map(({ id, number, records: n }) => ({ id, number, records: n })),
    started,
    ...(started ? {} : { notice: START_DEFERRED_NOTICE }),
  };
}
