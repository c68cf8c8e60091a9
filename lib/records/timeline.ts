// The trace of one credit record: where it came from (file, batch, row, catalog version),
// every revision, the suspect item and each fix round, centre feedback cases, the tasks and who did what
// and when — merged from BatchEvent, FixEvent, CreditRecordRevision, Task and AuditLog into one timeline.
// Within the viewer's data scope; personal fields masked.
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { RowValues } from '@/lib/catalog/types';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { hiddenReasons, publicationDay } from '@/lib/publication/rule';
import { isControlled } from './controlled';
import { maskValues } from './mask-values';
import { buildEntries } from './timeline-entries';
import { recordValues } from './values';

export type { TimelineEntry } from './timeline-entries';

export async function getRecordTimeline(user: CurrentUser, recordId: string, ip: string | null) {
  const r = await db.creditRecord.findUnique({
    where: { id: recordId },
    include: {
      catalogVersion: {
        select: {
          version: true,
          timelinessWorkdays: true,
          catalog: { select: { name: true, code: true, sensitivity: true } },
        },
      },
      providerDept: { select: { name: true } },
      subject: { select: { id: true, name: true, kind: true, restricted: true, restrictedReason: true } },
      batch: { include: { file: { select: { originalName: true, sha256: true, size: true } } } },
      history: { orderBy: { revision: 'asc' } },
      feedbackItems: { include: { feedbackCase: true, events: { orderBy: { id: 'asc' } } } },
      events: { orderBy: { id: 'asc' } },
    },
  });
  // Other departments' records are reported as missing, never as forbidden.
  if (!r || !canSeeDept(user, r.providerDeptId)) throw new NotFoundError('记录不存在或无权查看');
  const def = await loadCatalogDef(db, r.catalogVersionId);
  const values = recordValues(r);

  const suspects = await db.suspectItem.findMany({
    where: { recordId },
    include: { events: { orderBy: { id: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  });
  const batchIds = [...new Set([r.batchId, ...r.history.map((h) => h.batchId), ...suspects.map((s) => s.batchId)])];
  const caseIds = r.feedbackItems.map((f) => f.caseId);
  const [batches, batchEvents, tasks, audits, versions] = await Promise.all([
    db.importBatch.findMany({
      where: { id: { in: batchIds } },
      select: { id: true, number: true, createdAt: true, file: { select: { originalName: true, sha256: true } } },
    }),
    db.batchEvent.findMany({ where: { batchId: { in: batchIds } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    db.task.findMany({
      where: {
        workflowId: {
          in: [...batchIds.map((b) => `suspect-fix-${b}`), ...r.feedbackItems.map((f) => f.feedbackCase.workflowId)],
        },
      },
      include: { assignee: { select: { displayName: true } } },
    }),
    db.auditLog.findMany({
      where: {
        OR: [
          { objectType: 'CreditRecord', objectId: recordId },
          { objectType: 'FeedbackCase', objectId: { in: caseIds } },
        ],
      },
      orderBy: { id: 'desc' },
      take: 200,
    }),
    db.catalogVersion.findMany({
      where: { id: { in: r.history.map((h) => h.catalogVersionId) } },
      select: { id: true, version: true },
    }),
  ]);
  const batchNo = new Map(batches.map((b) => [b.id, b.number]));
  const completers = await db.user.findMany({
    where: { id: { in: tasks.map((t) => t.completedById).filter((x): x is string => !!x) } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(completers.map((u) => [u.id, u.displayName]));

  const entries = buildEntries({
    batchEvents,
    suspects,
    feedbackItems: r.feedbackItems,
    recordEvents: r.events,
    states: [...r.history.map((h) => ({ ...h, values: recordValues(h) })), { ...r, values }],
    fields: def.fields,
    tasks,
    audits,
    batchNo,
    nameOf,
  });

  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'TRACE',
    objectType: 'CreditRecord',
    objectId: recordId,
  });
  const versionNo = new Map(versions.map((v) => [v.id, v.version]));
  return {
    record: {
      id: r.id,
      catalogName: r.catalogVersion.catalog.name,
      catalogVersion: r.catalogVersion.version,
      providerDeptName: r.providerDept.name,
      subjectName: r.subject?.name ?? null,
      subjectId: r.subject?.id ?? null,
      subjectRestricted: r.subject?.restricted ?? false,
      subjectRestrictedReason: r.subject?.restrictedReason ?? null,
      publicityStart: r.publicityStart,
      publicityEnd: r.publicityEnd,
      // Why the public site does not show it today; empty: it does (lib/publication/rule.ts).
      hiddenReasons: hiddenReasons(
        {
          catalogSensitivity: r.catalogVersion.catalog.sensitivity,
          subjectRestricted: r.subject?.restricted,
          publicityStart: r.publicityStart,
          publicityEnd: r.publicityEnd,
          withdrawnAt: r.withdrawnAt,
          repairedAt: r.repairedAt,
        },
        publicationDay(),
      ),
      revision: r.revision,
      rowNumber: r.rowNumber,
      decisionDate: r.decisionDate,
      reportedLate: r.reportedLate,
      timelinessWorkdays: r.catalogVersion.timelinessWorkdays,
      controlled: isControlled(
        { catalogSensitivity: r.catalogVersion.catalog.sensitivity, subjectRestricted: r.subject?.restricted },
        'shared',
      ),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    },
    source: {
      batchId: r.batchId,
      batchNumber: r.batch.number,
      uploadedAt: r.batch.createdAt,
      file: r.batch.file && { ...r.batch.file, size: Number(r.batch.file.size) },
    },
    fields: def.fields.map((f) => ({ key: f.key, label: f.label, personal: f.personal })),
    values: maskValues(def.fields, values) as RowValues,
    revisions: r.history.map((h) => ({
      revision: h.revision,
      batchId: h.batchId,
      batchNumber: batchNo.get(h.batchId) ?? null,
      rowNumber: h.rowNumber,
      catalogVersion: versionNo.get(h.catalogVersionId) ?? null,
      createdAt: h.createdAt,
    })),
    suspects: suspects.map((s) => ({
      id: s.id,
      rowNumber: s.rowNumber,
      status: s.status,
      round: s.round,
      explanation: s.explanation,
      reviewComment: s.reviewComment,
    })),
    feedback: r.feedbackItems.map((f) => ({
      caseId: f.caseId,
      number: f.feedbackCase.number,
      reason: f.feedbackCase.reason,
      caseStatus: f.feedbackCase.status,
      itemStatus: f.status,
      explanation: f.explanation,
    })),
    entries,
  };
}
