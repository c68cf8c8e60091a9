// What the two feedback tasks show: the provider sees its records in clear to correct them (audited,
// like the fix screen); the centre sees each answer — the changed fields, masked, or the explanation.
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { maskValues } from '@/lib/records/mask-values';
import { changedKeys, recordValues } from '@/lib/records/values';
import { getActionableTask, taskSummary, type TaskSummary } from '@/lib/tasks/inbox';
import { readSubjectRef } from '@/lib/tasks/subject-ref';

export function caseIdOf(task: { kind: string; subjectRef: unknown }, kind: string): string {
  const ref = readSubjectRef(task.subjectRef);
  if (task.kind !== kind || !ref?.feedbackCaseId) throw new NotFoundError('任务不存在或无权查看');
  return ref.feedbackCaseId;
}

export interface FeedbackItemView {
  id: string;
  recordId: string;
  rowNumber: number;
  batchNumber: string;
  status: string;
  values: RowValues;
  explanation: string | null;
  centreComment: string | null;
  /** Why the last correction was refused, while the item is back with the provider. */
  lastProblem: string | null;
  /** Labels of the fields the correction changed (centre view). */
  changed: string[];
  revision: number | null;
}

export interface FeedbackTaskView {
  task: TaskSummary;
  feedbackCase: {
    id: string;
    number: string;
    reason: string;
    status: string;
    round: number;
    createdByName: string;
    createdAt: Date;
  };
  catalogs: {
    name: string;
    fields: CatalogDef['fields'];
    codeTables: CatalogDef['codeTables'];
    items: FeedbackItemView[];
  }[];
}

export async function getFeedbackTaskView(
  user: CurrentUser,
  taskId: string,
  ip: string | null,
): Promise<FeedbackTaskView> {
  const task = await getActionableTask(user, taskId);
  const forCentre = task.kind === 'FEEDBACK_REVIEW';
  const caseId = caseIdOf(task, forCentre ? 'FEEDBACK_REVIEW' : 'CENTRE_FEEDBACK');
  const fc = await db.feedbackCase.findUniqueOrThrow({
    where: { id: caseId },
    include: {
      items: {
        orderBy: { createdAt: 'asc' },
        include: {
          record: { include: { batch: { select: { number: true } } } },
          events: { orderBy: { id: 'desc' }, take: 1 },
        },
      },
    },
  });
  const byVersion = new Map<string, FeedbackTaskView['catalogs'][number]>();
  for (const item of fc.items) {
    const r = item.record;
    let group = byVersion.get(r.catalogVersionId);
    if (!group) {
      const def = await loadCatalogDef(db, r.catalogVersionId);
      group = { name: def.name, fields: def.fields, codeTables: def.codeTables, items: [] };
      byVersion.set(r.catalogVersionId, group);
    }
    const values = recordValues(r);
    const before =
      forCentre && item.revision
        ? await db.creditRecordRevision.findUnique({
            where: { recordId_revision: { recordId: r.id, revision: item.revision - 1 } },
          })
        : null;
    const last = item.events[0];
    const fields = group.fields;
    group.items.push({
      id: item.id,
      recordId: r.id,
      rowNumber: r.rowNumber,
      batchNumber: r.batch.number,
      status: item.status,
      values: forCentre ? maskValues(fields, values) : values,
      explanation: item.explanation,
      centreComment: item.centreComment,
      lastProblem: item.status === 'OPEN' && last?.kind === 'FIX_FAILED' ? last.message : null,
      changed: before
        ? changedKeys(recordValues(before), values).map((k) => fields.find((f) => f.key === k)?.label ?? k)
        : [],
      revision: item.revision,
    });
  }
  if (!forCentre) {
    await writeAudit(db, {
      ...actorOf(user, ip),
      module: 'data',
      action: 'READ',
      objectType: 'FeedbackCase',
      objectId: caseId,
      detail: { records: fc.items.length },
    });
  }
  return {
    task: taskSummary(task, user),
    feedbackCase: {
      id: fc.id,
      number: fc.number,
      reason: fc.reason,
      status: fc.status,
      round: fc.round,
      createdByName: fc.createdByName,
      createdAt: fc.createdAt,
    },
    catalogs: [...byVersion.values()],
  };
}
