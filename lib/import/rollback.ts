// Undo of a failed batch: a batch either finishes or leaves no trace in the credit data. Records it created are
// deleted; records it changed get back their latest state from before the batch. Suspect items go with the
// batch. Set-based SQL, so a million-row batch rolls back in a few statements, not a million.
import type { Db } from '@/lib/db';

export async function rollbackBatch(db: Db, batchId: string): Promise<{ removed: number; restored: number }> {
  return db.$transaction(
    async (tx) => {
      // States this batch wrote and then superseded (a key repeated with changes inside the file).
      await tx.$executeRaw`
        DELETE FROM "CreditRecordRevision" p USING "CreditRecord" r
         WHERE r.id = p."recordId" AND r."batchId" = ${batchId}::uuid AND p."batchId" = ${batchId}::uuid`;
      // A record this batch changed: back to its newest earlier state, which leaves the revision list.
      const restored = await tx.$executeRaw`
        WITH target AS (
          SELECT DISTINCT ON (p."recordId") p.*
            FROM "CreditRecordRevision" p JOIN "CreditRecord" r ON r.id = p."recordId"
           WHERE r."batchId" = ${batchId}::uuid
           ORDER BY p."recordId", p.revision DESC
        ), dropped AS (
          DELETE FROM "CreditRecordRevision" p USING target t WHERE p.id = t.id
        )
        UPDATE "CreditRecord" r
           SET data = t.data, sealed = t.sealed, fingerprint = t.fingerprint, "catalogVersionId" = t."catalogVersionId",
               "batchId" = t."batchId", "rowNumber" = t."rowNumber", revision = t.revision,
               "publicityStart" = w."start", "publicityMinEnd" = w."minEnd", "publicityEnd" = w."end",
               "updatedAt" = now() AT TIME ZONE 'UTC'
          FROM target t
          JOIN "CatalogVersion" v ON v.id = t."catalogVersionId"
          -- The restored state's publicity window (a revision does not keep one): the SQL twin of
          -- publicityWindow(), defined by the migration 20261203083820_publication.
          CROSS JOIN LATERAL credit_publicity_window(v."publicityRule", t.data) w
         WHERE r.id = t."recordId"`;
      // What is left of the batch, it created; its revisions go with it (ON DELETE CASCADE).
      const removed = await tx.$executeRaw`DELETE FROM "CreditRecord" WHERE "batchId" = ${batchId}::uuid`;
      await tx.suspectItem.deleteMany({ where: { batchId } });
      await tx.importBatch.update({
        where: { id: batchId },
        data: { rowsStored: 0, rowsUpdated: 0, rowsDuplicate: 0, rowsSuspect: 0, cursor: 0 },
      });
      return { removed, restored };
    },
    { timeout: 600_000 },
  );
}
