// Opens a batch for an uploaded file and starts its import workflow. The row is written first,
// then the workflow is started with an id derived from it, so a retry never starts a second import.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { currentVersionId } from '@/lib/catalog/load';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { resolveStoredPath, type StoredUpload } from '@/lib/files/store';
import { estimateRows } from '@/lib/exchange/estimate-rows';
import { detectFormat } from '@/lib/import/read-rows';
import { importWorkflowId, taskQueue, temporal } from '@/lib/temporal';
import type { importBatch } from '@/workflows/import-batch';
import { recordEvent } from './events';
import { providedCatalog } from './provided-catalog';

export interface CreateBatchInput {
  user: CurrentUser;
  catalogCode: string;
  originalName: string;
  upload: StoredUpload;
  ip: string | null;
  source?: 'UPLOAD' | 'CLI' | 'MANUAL' | 'DROP_FOLDER';
  /** Overrides the configured task queue (tests run a dedicated worker). */
  taskQueue?: string;
}

export async function createBatchFromUpload(input: CreateBatchInput): Promise<{ id: string; number: string }> {
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
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
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
    return created;
  });

  await startImport(batch.id, input.taskQueue);
  await writeAudit(db, {
    ...actorOf(user, input.ip),
    module: 'data',
    action: 'IMPORT',
    objectType: 'ImportBatch',
    objectId: batch.id,
    detail: { number: batch.number, catalog: catalog.code, file: input.originalName, sha256: upload.sha256 },
  });
  return { id: batch.id, number: batch.number };
}

export async function startImport(batchId: string, queue = taskQueue()): Promise<void> {
  try {
    // By name, not by function reference: Next's minifier renames functions in the app bundle.
    await temporal().workflow.start<typeof importBatch>('importBatch', {
      taskQueue: queue,
      workflowId: importWorkflowId(batchId),
      args: [{ batchId }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
