// Undo of a failed batch: a batch either finishes or leaves no trace in the credit data. Records it created
// are deleted; records it updated get their previous revision back. Suspect items go with the batch.
import type { Db } from '@/lib/db';

export async function rollbackBatch(db: Db, batchId: string): Promise<{ removed: number; restored: number }> {
  return db.$transaction(
    async (tx) => {
      const touched = await tx.creditRecord.findMany({ where: { batchId }, select: { id: true, revision: true } });
      const created = touched.filter((r) => r.revision === 1).map((r) => r.id);
      let restored = 0;
      for (const r of touched.filter((t) => t.revision > 1)) {
        const prev = await tx.creditRecordRevision.findUniqueOrThrow({
          where: { recordId_revision: { recordId: r.id, revision: r.revision - 1 } },
        });
        await tx.creditRecord.update({
          where: { id: r.id },
          data: {
            data: prev.data ?? {},
            sealed: prev.sealed,
            fingerprint: prev.fingerprint,
            catalogVersionId: prev.catalogVersionId,
            batchId: prev.batchId,
            rowNumber: prev.rowNumber,
            revision: prev.revision,
          },
        });
        await tx.creditRecordRevision.delete({ where: { id: prev.id } });
        restored += 1;
      }
      await tx.creditRecordRevision.deleteMany({ where: { recordId: { in: created } } });
      const { count: removed } = await tx.creditRecord.deleteMany({ where: { id: { in: created } } });
      await tx.suspectItem.deleteMany({ where: { batchId } });
      await tx.importBatch.update({
        where: { id: batchId },
        data: { rowsStored: 0, rowsUpdated: 0, rowsDuplicate: 0, rowsSuspect: 0, cursor: 0 },
      });
      return { removed, restored };
    },
    { timeout: 300_000 },
  );
}
