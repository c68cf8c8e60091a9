// Every protocol ends here: a file a node delivered — pushed over REST or SOAP, mailed, pulled by
// SFTP/FTP, sent by the chunked transport, distributed by the city platform — becomes a batch of the ordinary import
// (lib/batches/create-batch.ts: the batch and its durable workflow start in one transaction), so its traceability,
// quality control and return-and-fix loop are the uploads' own.
//
// Idempotent on (node, content): ExchangeReceipt is unique on (nodeRef, sha256), so a replayed push, a re-sent
// mail, a transfer retried after its answer was lost, or a file pulled again before it was acknowledged imports
// nothing twice. The same content from another channel or node is recognised by createBatchFromUpload (same
// SHA-256, same catalog) and recorded as a duplicate of that batch.
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { createBatchFromUpload } from '@/lib/batches/create-batch';
import { db, Prisma } from '@/lib/db';
import { AppError, ConflictError } from '@/lib/errors';
import { saveStream, type StoredUpload } from '@/lib/files/store';
import { systemActorFor } from '../system-actor';
import { recordRefusal, type ExchangeChannel } from './refusals';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export const receiveInputSchema = z.object({
  /** The delivering node (ExchangeNode.id, as text). */
  nodeId: z.string().min(1).max(100),
  /** The department the node delivers for: the batch's provider. */
  deptCode: z.string().regex(CODE),
  catalogCode: z.string().regex(CODE),
  channel: z.enum(['PUSH', 'SOAP', 'SMTP', 'IMAP', 'SFTP', 'FTP', 'TRANSPORT', 'CITY']),
  fileName: z.string().min(1).max(255),
  /** A local file (a temporary copy the protocol wrote); read, never moved or deleted here. */
  path: z.string().min(1),
  /** The SHA-256 the sender declared or the protocol computed while receiving; the content must match it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Overrides the configured task queue (tests run a dedicated worker). */
  taskQueue: z.string().optional(),
});
export type ReceiveInput = z.input<typeof receiveInputSchema>;

export type ReceiveOutcome =
  | { outcome: 'BATCH'; receiptId: string; batchId: string; batchNumber: string }
  | { outcome: 'DUPLICATE'; receiptId: string; batchId: string | null; batchNumber: string | null; reason: string }
  | { outcome: 'REFUSED'; receiptId: string | null; reason: string };

export async function receiveExchangeFile(raw: ReceiveInput): Promise<ReceiveOutcome> {
  const input = receiveInputSchema.parse(raw);
  const earlier = await db.exchangeReceipt.findUnique({
    where: { nodeRef_sha256: { nodeRef: input.nodeId, sha256: input.sha256 } },
  });
  // A refused receipt may be delivered again (e.g. once the catalog exists); anything else was received.
  if (earlier && earlier.outcome !== 'REFUSED') return repeated(earlier);

  let upload: StoredUpload;
  try {
    upload = await saveStream(createReadStream(input.path));
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return refuse(input, err.message);
    throw err;
  }
  if (upload.sha256 !== input.sha256)
    return refuse(input, '文件内容与声明的 SHA-256 校验值不一致，可能在传输中损坏或被篡改，未导入', upload);

  const dept = await db.department.findUnique({ where: { code: input.deptCode } });
  if (!dept) return refuse(input, `部门编码“${input.deptCode}”不存在`, upload);
  try {
    const actor = await systemActorFor(db, input.deptCode, 'EXCHANGE');
    const batch = await createBatchFromUpload({
      user: actor,
      catalogCode: input.catalogCode,
      originalName: input.fileName,
      upload,
      ip: null,
      source: 'EXCHANGE',
      taskQueue: input.taskQueue,
    });
    const receipt = await keep(input, upload, { outcome: 'BATCH', batchId: batch.id });
    return { outcome: 'BATCH', receiptId: receipt.id, batchId: batch.id, batchNumber: batch.number };
  } catch (err) {
    if (err instanceof ConflictError) return duplicateOfBatch(input, upload);
    if (err instanceof AppError && err.status < 500) return refuse(input, err.message, upload);
    throw err;
  }
}

/** The same content was imported before (by this or another way in): this delivery is that batch's. */
async function duplicateOfBatch(input: z.output<typeof receiveInputSchema>, upload: StoredUpload) {
  const batch = await db.importBatch.findFirst({
    where: {
      file: { sha256: upload.sha256 },
      catalogVersion: { catalog: { code: input.catalogCode } },
      status: { not: 'FAILED' },
    },
    select: { id: true, number: true },
  });
  if (!batch) throw new Error(`duplicate of an unknown batch: ${upload.sha256}`);
  // A crash after the batch and before the receipt: the retry finds its own batch and records it as received.
  const own = !(await db.exchangeReceipt.findFirst({ where: { batchId: batch.id } }));
  const reason = `与批次 ${batch.number} 的文件内容相同，未重复导入`;
  const receipt = await keep(input, upload, { outcome: own ? 'BATCH' : 'DUPLICATE', batchId: batch.id, reason });
  return own
    ? { outcome: 'BATCH' as const, receiptId: receipt.id, batchId: batch.id, batchNumber: batch.number }
    : { outcome: 'DUPLICATE' as const, receiptId: receipt.id, batchId: batch.id, batchNumber: batch.number, reason };
}

async function repeated(r: { id: string; batchId: string | null }): Promise<ReceiveOutcome> {
  const batch = r.batchId
    ? await db.importBatch.findUnique({ where: { id: r.batchId }, select: { number: true } })
    : null;
  const reason = batch ? `该文件已接收过（批次 ${batch.number}），未重复导入` : '该文件已接收过，未重复导入';
  return { outcome: 'DUPLICATE', receiptId: r.id, batchId: r.batchId, batchNumber: batch?.number ?? null, reason };
}

async function refuse(
  input: z.output<typeof receiveInputSchema>,
  reason: string,
  upload?: StoredUpload,
): Promise<ReceiveOutcome> {
  if (!upload || upload.sha256 !== input.sha256) {
    // Not the declared content: no receipt (it would claim the declared hash), only the refusal.
    await recordRefusal({ nodeRef: input.nodeId, channel: input.channel, subject: input.fileName, reason });
    return { outcome: 'REFUSED', receiptId: null, reason };
  }
  const receipt = await keep(input, upload, { outcome: 'REFUSED', reason });
  return { outcome: 'REFUSED', receiptId: receipt.id, reason };
}

async function keep(
  input: z.output<typeof receiveInputSchema>,
  upload: StoredUpload,
  result: { outcome: 'BATCH' | 'DUPLICATE' | 'REFUSED'; batchId?: string; reason?: string },
) {
  const data = {
    channel: input.channel satisfies ExchangeChannel,
    fileName: input.fileName,
    size: upload.size,
    catalogCode: input.catalogCode,
    outcome: result.outcome,
    batchId: result.batchId ?? null,
    reason: result.reason ?? null,
  };
  try {
    return await db.exchangeReceipt.upsert({
      where: { nodeRef_sha256: { nodeRef: input.nodeId, sha256: upload.sha256 } },
      create: { nodeRef: input.nodeId, sha256: upload.sha256, ...data },
      update: data,
    });
  } catch (err) {
    // Two deliveries of the same content at once: the other one's row stands.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      return db.exchangeReceipt.findUniqueOrThrow({
        where: { nodeRef_sha256: { nodeRef: input.nodeId, sha256: upload.sha256 } },
      });
    throw err;
  }
}
