// Writes to the Task table, the inbox projection of the workflows' human steps (docs/architecture.md).
import { addWorkdays } from '@/lib/calendar/workdays';
import { loadCalendar } from '@/lib/calendar/load';
import type { Db, Prisma } from '@/lib/db';
import { numberSetting } from '@/lib/settings/workflow-settings';
import type { HumanTaskSpec } from '@/workflows/contracts';

/** What the openTask activity is given: the workflow's task spec and the workflow it belongs to. */
export interface OpenTaskInput extends HumanTaskSpec {
  workflowId: string;
  workflowType: string;
}

export const taskIdOf = (workflowId: string, step: string) => `${workflowId}:${step}`;

/** Idempotent: a retry returns the deadlines of the row it created the first time. */
export async function openTaskRow(
  db: Db,
  input: OpenTaskInput,
): Promise<{ taskId: string; dueAt: number; escalateAt: number }> {
  const id = taskIdOf(input.workflowId, input.step);
  const existing = await db.task.findUnique({ where: { id } });
  const calendar = await loadCalendar(db);
  const now = existing?.createdAt ?? new Date();
  const dueAt =
    existing?.dueAt ?? addWorkdays(now, await numberSetting(db, `${input.settingsKey}.dueWorkdays`), calendar);
  const escalateAt = addWorkdays(
    dueAt,
    await numberSetting(db, `${input.settingsKey}.escalateAfterWorkdays`),
    calendar,
  );
  if (!existing) {
    await db.task.upsert({
      where: { id },
      create: {
        id,
        kind: input.kind,
        title: input.title,
        workflowId: input.workflowId,
        workflowType: input.workflowType,
        candidateDeptId: input.candidateDeptId,
        candidatePermission: input.candidatePermission ?? null,
        dueAt,
        createdAt: now,
        subjectRef: (input.subjectRef ?? undefined) as Prisma.InputJsonValue | undefined,
        payload: (input.payload ?? undefined) as Prisma.InputJsonValue | undefined,
      },
      update: {},
    });
  }
  return { taskId: id, dueAt: dueAt.getTime(), escalateAt: escalateAt.getTime() };
}

export async function remindTaskRow(db: Db, taskId: string): Promise<void> {
  await db.task.updateMany({ where: { id: taskId, remindedAt: null }, data: { remindedAt: new Date(), priority: 75 } });
}

export async function escalateTaskRow(db: Db, taskId: string): Promise<void> {
  await db.task.updateMany({
    where: { id: taskId, escalatedAt: null },
    data: { escalatedAt: new Date(), priority: 90 },
  });
}

export async function closeTaskRow(db: Db, taskId: string, completedById: string | null): Promise<void> {
  await db.task.updateMany({
    where: { id: taskId, status: 'OPEN' },
    data: { status: 'COMPLETED', completedAt: new Date(), completedById },
  });
}
