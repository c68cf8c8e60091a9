// The receiving side of the transport: a signed manifest opens a transfer; encrypted chunks arrive in any
// order, each decrypted and checked against the manifest's hash before it is kept; the receiver tells which chunks
// it has, so an interrupted sender sends only the rest; completing checks the whole file's hash and hands it to
// receiveExchangeFile. Idempotent on the transfer id: a chunk sent twice is kept once; a completed transfer offered
// again is refused as a replay and imports nothing. Every refusal is recorded with its reason.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyJson } from '@/lib/crypto/signing';
import { db, Prisma } from '@/lib/db';
import { jsonInput } from '@/lib/db/json-column';
import { storeRoot } from '@/lib/files/store';
import { apiKeyMatches, nodeTrust } from '../protocols/node-keys';
import { receiveExchangeFile } from '../protocols/receive';
import { recordRefusal } from '../protocols/refusals';
import { MAX_CLOCK_SKEW_MS } from '../protocols/submission';
import { openChunk, platformTransportKey, transferKey, x25519FromRaw } from './crypto';
import { manifestSchema, type Manifest } from './manifest';

export interface TransportAnswer {
  status: number;
  body: Record<string, unknown>;
}

const transferDir = (id: string) => join(storeRoot(), 'transfers', id);

async function refuse(
  status: number,
  reason: string,
  nodeRef: string | null,
  subject: string,
): Promise<TransportAnswer> {
  await recordRefusal({ nodeRef, channel: 'TRANSPORT', subject, reason, detail: { status } });
  return { status, body: { title: reason, status } };
}

function stateOf(t: { id: string; status: string; received: number[]; chunkCount: number; reason: string | null }) {
  return {
    transferId: t.id,
    status: t.status,
    received: [...t.received].sort((a, b) => a - b),
    chunkCount: t.chunkCount,
    reason: t.reason,
  };
}

export async function initTransfer(
  input: { apiKey: string; manifest: unknown; signature: unknown },
  now = new Date(),
): Promise<TransportAnswer> {
  const parsed = manifestSchema.safeParse(input.manifest);
  if (!parsed.success) return refuse(400, '传输清单格式不正确', null, '(无效的清单)');
  const m = parsed.data;
  const subject = `${m.transferId} ${m.fileName}`;
  const trust = await nodeTrust(m.nodeId, now);
  if (!trust) return refuse(401, `交换节点“${m.nodeId}”未登记，或其密钥均已过期、吊销`, m.nodeId, subject);
  if (!input.apiKey || !apiKeyMatches(trust, input.apiKey)) return refuse(401, '接口密钥不正确', m.nodeId, subject);
  if (input.signature === undefined || input.signature === null)
    return refuse(401, '传输清单未签名', m.nodeId, subject);
  const verified = verifyJson(m, input.signature, trust.keys);
  if (!verified.ok || verified.signer !== m.nodeId)
    return refuse(403, '传输清单签名无效：清单被修改，或签名密钥不受信任', m.nodeId, subject);

  const existing = await db.exchangeTransfer.findUnique({ where: { id: m.transferId } });
  if (existing) {
    const same =
      existing.nodeRef === m.nodeId && existing.sha256 === m.sha256 && existing.chunkCount === m.chunkSha256.length;
    if (!same) return refuse(409, '传输编号已被另一文件使用', m.nodeId, subject);
    if (existing.status !== 'RECEIVING')
      return refuse(
        409,
        `该传输已${existing.status === 'COMPLETE' ? '完成' : '结束'}，重复提交（重放）已拒绝，未重复导入`,
        m.nodeId,
        subject,
      );
    // The same transfer announced again after an interruption: the sender learns what is still missing.
    return { status: 200, body: stateOf(existing) };
  }
  if (Math.abs(now.getTime() - Date.parse(m.timestamp)) > MAX_CLOCK_SKEW_MS)
    return refuse(403, '传输清单的时间与服务器相差超过 5 分钟：已过期，已拒绝', m.nodeId, subject);
  try {
    const created = await db.$transaction(async (tx) => {
      await tx.exchangeNonce.create({ data: { nodeRef: m.nodeId, nonce: m.nonce } });
      return tx.exchangeTransfer.create({
        data: {
          id: m.transferId,
          nodeRef: m.nodeId,
          fileName: m.fileName,
          catalogCode: m.catalogCode,
          size: m.size,
          sha256: m.sha256,
          chunkSize: m.chunkSize,
          chunkCount: m.chunkSha256.length,
          manifest: jsonInput({ manifest: m, signature: input.signature as object }),
        },
      });
    });
    return { status: 201, body: stateOf(created) };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      return refuse(409, '传输清单已提交过（随机数重复），疑似重放，已拒绝', m.nodeId, subject);
    throw err;
  }
}

async function loadFor(id: string, apiKey: string) {
  const t = await db.exchangeTransfer.findUnique({ where: { id } });
  if (!t) return { answer: { status: 404, body: { title: '传输不存在', status: 404 } } as TransportAnswer };
  const trust = await nodeTrust(t.nodeRef);
  if (!trust || !apiKeyMatches(trust, apiKey)) return { answer: await refuse(401, '接口密钥不正确', t.nodeRef, t.id) };
  const { manifest } = t.manifest as unknown as { manifest: Manifest };
  return { t, manifest };
}

export async function transferState(id: string, apiKey: string): Promise<TransportAnswer> {
  const got = await loadFor(id, apiKey);
  if (!got.t) return got.answer;
  return { status: 200, body: stateOf(got.t) };
}

export async function putChunk(id: string, index: number, apiKey: string, sealed: Buffer): Promise<TransportAnswer> {
  const got = await loadFor(id, apiKey);
  if (!got.t) return got.answer;
  const { t, manifest } = got;
  if (t.status !== 'RECEIVING') return refuse(409, '该传输已结束，不再接收分块', t.nodeRef, `${id}#${index}`);
  if (!Number.isInteger(index) || index < 0 || index >= t.chunkCount)
    return { status: 400, body: { title: '分块序号超出范围', status: 400 } };
  if (t.received.includes(index)) return { status: 200, body: stateOf(t) };
  const key = transferKey(
    platformTransportKey().privateKey,
    x25519FromRaw(Buffer.from(manifest.ephemeralKey, 'base64')),
    id,
  );
  const plain = openChunk(key, id, index, sealed);
  if (!plain)
    return refuse(
      422,
      `第 ${index + 1} 块解密校验失败：内容被篡改或不是本传输的分块，已拒绝`,
      t.nodeRef,
      `${id}#${index}`,
    );
  if (createHash('sha256').update(plain).digest('hex') !== manifest.chunkSha256[index])
    return refuse(422, `第 ${index + 1} 块的校验值与清单不符，已拒绝`, t.nodeRef, `${id}#${index}`);
  const dir = transferDir(id);
  await mkdir(dir, { recursive: true });
  // Written under a temporary name, then renamed: a chunk file that exists is whole.
  await writeFile(join(dir, `${index}.tmp`), plain, { mode: 0o600 });
  await rename(join(dir, `${index}.tmp`), join(dir, String(index)));
  await db.$executeRaw`UPDATE "ExchangeTransfer" SET received = array_append(received, ${index}::int)
    WHERE id = ${id} AND NOT (${index}::int = ANY(received))`;
  return { status: 200, body: stateOf(await db.exchangeTransfer.findUniqueOrThrow({ where: { id } })) };
}

export async function completeTransfer(id: string, apiKey: string, taskQueue?: string): Promise<TransportAnswer> {
  const got = await loadFor(id, apiKey);
  if (!got.t) return got.answer;
  const { t, manifest } = got;
  if (t.status === 'COMPLETE') return { status: 200, body: { ...stateOf(t), receiptId: t.receiptId } };
  if (t.status !== 'RECEIVING') return { status: 409, body: { ...stateOf(t), title: t.reason ?? '传输已结束' } };
  const missing = Array.from({ length: t.chunkCount }, (_, i) => i).filter((i) => !t.received.includes(i));
  if (missing.length) return { status: 409, body: { ...stateOf(t), title: `还缺 ${missing.length} 块`, missing } };

  const dir = transferDir(id);
  const whole = join(dir, 'whole');
  const hash = createHash('sha256');
  const out = createWriteStream(whole, { mode: 0o600 });
  for (let i = 0; i < t.chunkCount; i++) {
    const part = await readFile(join(dir, String(i)));
    hash.update(part);
    if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  const size = (await stat(whole)).size;
  if (hash.digest('hex') !== manifest.sha256 || size !== manifest.size) {
    const reason = '拼合后的文件与清单的校验值不符，未导入';
    await db.exchangeTransfer.update({ where: { id }, data: { status: 'REFUSED', reason } });
    await rm(dir, { recursive: true, force: true });
    return refuse(422, reason, t.nodeRef, id);
  }
  const trust = await nodeTrust(t.nodeRef);
  const result = await receiveExchangeFile({
    nodeId: t.nodeRef,
    deptCode: trust!.deptCode,
    catalogCode: t.catalogCode,
    channel: 'TRANSPORT',
    fileName: t.fileName,
    path: whole,
    sha256: manifest.sha256,
    taskQueue,
  });
  const done = await db.exchangeTransfer.update({
    where: { id },
    data: {
      status: result.outcome === 'REFUSED' ? 'REFUSED' : 'COMPLETE',
      receiptId: result.receiptId,
      reason: result.outcome === 'BATCH' ? null : result.reason,
      completedAt: new Date(),
    },
  });
  await rm(dir, { recursive: true, force: true });
  return {
    status: result.outcome === 'REFUSED' ? 422 : 200,
    body: { ...stateOf(done), receiptId: done.receiptId, result },
  };
}
