// The records a batch stored, for its page: row, key values, revision, timeliness flag and any open
// centre feedback, paginated, within the viewer's data scope. Centre staff pick records here to send back.
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { lateCounts } from './timeliness';

const BATCH_RECORDS_PAGE_SIZE = 20;

export interface BatchRecordRow {
  id: string;
  rowNumber: number;
  subjectName: string;
  decisionNumber: string;
  decisionDate: string | null;
  revision: number;
  reportedLate: boolean;
  openFeedback: string | null;
}

export async function listBatchRecords(user: CurrentUser, batchId: string, page: number) {
  const batch = await db.importBatch.findUnique({ where: { id: batchId }, select: { providerDeptId: true } });
  if (!batch || !canSeeDept(user, batch.providerDeptId)) throw new NotFoundError('批次不存在或无权查看');
  const [stats, rows] = await Promise.all([
    lateCounts(db, { batchId }),
    db.creditRecord.findMany({
      where: { batchId },
      orderBy: { rowNumber: 'asc' },
      skip: (page - 1) * BATCH_RECORDS_PAGE_SIZE,
      take: BATCH_RECORDS_PAGE_SIZE,
      select: {
        id: true,
        rowNumber: true,
        data: true,
        revision: true,
        reportedLate: true,
        decisionDate: true,
        feedbackItems: {
          where: { feedbackCase: { status: { not: 'CLOSED' } } },
          select: { feedbackCase: { select: { number: true } } },
          take: 1,
        },
      },
    }),
  ]);
  return {
    total: stats.total,
    late: stats.late,
    page,
    pages: Math.max(1, Math.ceil(stats.total / BATCH_RECORDS_PAGE_SIZE)),
    rows: rows.map((r): BatchRecordRow => {
      const data = (r.data ?? {}) as Record<string, string>;
      return {
        id: r.id,
        rowNumber: r.rowNumber,
        // Personal fields live sealed, never in `data`: what is shown here is public by construction.
        subjectName: data.subjectName ?? '',
        decisionNumber: data.decisionNumber ?? data.docNumber ?? '',
        decisionDate: r.decisionDate?.toISOString().slice(0, 10) ?? null,
        revision: r.revision,
        reportedLate: r.reportedLate,
        openFeedback: r.feedbackItems[0]?.feedbackCase.number ?? null,
      };
    }),
  };
}
