// Opens a batch for an uploaded file and starts its import workflow. The batch and the start it is owed
// are committed together (lib/workflow-starts.ts), so a batch always gets its import, once Temporal is reachable.
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { dayKeyOf } from '@/lib/calendar/workdays';
import { currentVersionId } from '@/lib/catalog/load';
import { db, type Prisma } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { resolveStoredPath, type StoredUpload } from '@/lib/files/store';
import { estimateRows } from '@/lib/exchange/estimate-rows';
import { detectFormat } from '@/lib/import/read-rows';
import { importWorkflowId } from '@/lib/temporal';
import { enqueueWorkflowStart, START_DEFERRED_NOTICE, startEnqueued } from '@/lib/workflow-starts';
import { IMPORT_BATCH_WORKFLOW } from '@/workflows/contracts';
import { recordEvent } from './events';
import { providedCatalog } from './provided-catalog';

export interface CreateBatchInput {
  user: CurrentUser;
  catalogCode: string;
  originalName: string;
  upload: StoredUpload;
  ip: string | null;
  source?: 'UPLOAD' | 'CLI' | 'MANUAL' | 'DROP_FOLDER' | 'EXCHANGE';
  /**
   * Runs inside the transaction that creates the batch, so what the caller records with it (an exchange
   * flow's committed cursor) commits with the batch or not at all.
   */
  inTransaction?: (tx: Prisma.TransactionClient, batch: { id: string; number: string }) => Promise<void>;
  /** Overrides the configured task queue (tests run a dedicated worker). */
  taskQueue?: string;
}

export interface CreatedBatch {
  id: string;
  number: string;
  /** False when Temporal could not be reached: the import starts by itself once it can (answer 202, not 201). */
  started: boolean;
  /** For the uploader when the start was deferred. */
  notice?: string;
}

export async function createBatchFromUpload(input: CreateBatchInput): Promise<CreatedBatch> {
  const { user, upload } = input;
  const catalog = await providedCatalog(user, input.catalogCode);
  const versionId = await currentVersionId(db, catalog.code);
  // Refuse a file of the wrong kind at once, before a batch exists for it.
  const stored = resolveStoredPath(upload.storagePath);
  const format = await detectFormat(stored, input.originalName);

  // The same file for the same catalog is one batch: a second upload is told where the first one is.
  const previous = await db.importBatch.findFirst({
    where: { file: { sha256: upload.sha256 }, catalogVersion: { catalogId: catalog.id }, status: { not: 'FAILED' } },
    select: { number: true },
  });
  if (previous)
    throw new ConflictError(`该文件已上传过（批次 ${previous.number}），无需重复上传`, {
      batchNumber: previous.number,
    });

  // Rows to expect, for the progress bar and the time left (text files: their line count; xlsx: unknown).
  const expectedRows = await estimateRows(stored, format);
  const batch = await db.$transaction(async (tx) => {
    const file = await tx.storedFile.upsert({
      where: { sha256: upload.sha256 },
      create: {
        sha256: upload.sha256,
        size: upload.size,
        originalName: input.originalName,
        storagePath: upload.storagePath,
        uploadedById: user.id,
      },
      update: {},
    });
    const id = crypto.randomUUID();
    const [next] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('batch_number_seq') AS seq`;
    const day = dayKeyOf(Date.now()).replace(/-/g, '');
    const created = await tx.importBatch.create({
      data: {
        id,
        number: `PC${day}-${String(next!.seq).padStart(6, '0')}`,
        catalogVersionId: versionId,
        providerDeptId: user.departmentId,
        fileId: file.id,
        source: input.source ?? 'UPLOAD',
        workflowId: importWorkflowId(id),
        createdById: user.id,
        expectedRows,
      },
    });
    await recordEvent(tx, {
      batchId: id,
      kind: 'RECEIVED',
      message: `${user.displayName} 上传文件“${input.originalName}”（${formatSize(upload.size)}）`,
      actorId: user.id,
      actorName: user.displayName,
    });
    // By name, not by function reference: Next's minifier renames functions in the app bundle.
    await enqueueWorkflowStart(tx, {
      workflowType: IMPORT_BATCH_WORKFLOW,
      workflowId: created.workflowId,
      args: [{ batchId: id }],
      taskQueue: input.taskQueue,
    });
    await input.inTransaction?.(tx, created);
    return created;
  });

  const started = await startEnqueued(batch.workflowId);
  if (!started)
    await recordEvent(db, {
      batchId: batch.id,
      kind: 'START_DEFERRED',
      message: `文件已收到。${START_DEFERRED_NOTICE}`,
    });
  await writeAudit(db, {
    ...actorOf(user, input.ip),
    module: 'data',
    action: 'IMPORT',
    objectType: 'ImportBatch',
    objectId: batch.id,
    detail: { number: batch.number, catalog: catalog.code, file: input.originalName, sha256: upload.sha256 },
  });
  return { id: batch.id, number: batch.number, started, ...(started ? {} : { notice: START_DEFERRED_NOTICE }) };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
