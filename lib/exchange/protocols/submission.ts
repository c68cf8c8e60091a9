// A signed file submission (R-4.3 Web Service, R-8.1 non-repudiation): what the REST push API and the SOAP
// endpoint both accept. The node names itself and presents its API key; the envelope (node, catalog, file name,
// SHA-256 and size of the content, time, nonce) is signed with the node's Ed25519 key in canonical JSON
// (lib/crypto/signing.ts signJson). Refused, with a reason recorded: an unknown node, a wrong API key, no signature,
// a signature by an untrusted, expired or revoked key, a tampered envelope or content, a stale time, a nonce seen
// before (a replay). Accepted content goes to receiveExchangeFile: a replay of an accepted file imports nothing.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '@/lib/crypto/canonical-json';
import { signJson, verifyJson, type SigningKey } from '@/lib/crypto/signing';
import { db, Prisma } from '@/lib/db';
import { apiKeyMatches, nodeTrust } from './node-keys';
import { receiveExchangeFile, type ReceiveOutcome } from './receive';
import { recordRefusal } from './refusals';

/** How far a submission's time may be from ours: beyond it, a captured request cannot be replayed later. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const envelopeSchema = z.object({
  v: z.literal(1),
  nodeId: z.string().min(1).max(100),
  catalogCode: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  fileName: z.string().min(1).max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1),
  timestamp: z.string().datetime(),
  nonce: z.string().min(16).max(100),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export interface Submission {
  apiKey: string;
  envelope: unknown;
  /** The detached signature over the canonical envelope (lib/crypto/signing.ts DetachedSignature), or nothing. */
  signature: unknown;
  content: Buffer;
}

export type SubmissionResult =
  | { ok: true; status: 200 | 201; result: ReceiveOutcome }
  | { ok: false; status: 400 | 401 | 403 | 409 | 422; reason: string };

/** For senders (and tests): a signed envelope for `content`. */
export function signSubmission(
  content: Buffer,
  meta: { nodeId: string; catalogCode: string; fileName: string },
  key: SigningKey,
  now = new Date(),
): { envelope: Envelope; signature: ReturnType<typeof signJson> } {
  const envelope: Envelope = {
    v: 1,
    ...meta,
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    timestamp: now.toISOString(),
    nonce: randomUUID(),
  };
  return { envelope, signature: signJson(envelope, { key, signer: meta.nodeId, now }) };
}

export async function acceptSubmission(
  s: Submission,
  channel: 'PUSH' | 'SOAP' | 'CITY',
  opts: { taskQueue?: string; now?: Date } = {},
): Promise<SubmissionResult> {
  const now = opts.now ?? new Date();
  const parsed = envelopeSchema.safeParse(s.envelope);
  const subject = parsed.success ? `${parsed.data.fileName} (${parsed.data.nonce})` : '(无效的提交)';
  const nodeRef = parsed.success ? parsed.data.nodeId : null;
  const refuse = async (status: 400 | 401 | 403 | 409 | 422, reason: string): Promise<SubmissionResult> => {
    await recordRefusal({ nodeRef, channel, subject, reason, detail: { status } });
    return { ok: false, status, reason };
  };
  if (!parsed.success) return refuse(400, '提交内容格式不正确：缺少节点、目录、文件名、校验值、时间或随机数');
  const env = parsed.data;

  const trust = await nodeTrust(env.nodeId, now);
  if (!trust) return refuse(401, `交换节点“${env.nodeId}”未登记，或其密钥均已过期、吊销`);
  if (!s.apiKey || !apiKeyMatches(trust, s.apiKey)) return refuse(401, '接口密钥不正确');
  if (s.signature === undefined || s.signature === null || s.signature === '')
    return refuse(401, '提交未签名：须用本节点的签名密钥对提交内容签名');
  const verified = verifyJson(env, s.signature, trust.keys);
  if (!verified.ok) {
    const why = {
      malformed: '签名格式不正确',
      'unknown key': '签名密钥不在本节点的受信任密钥中（未登记、已过期或已吊销）',
      'digest mismatch': '签名与提交内容不符：内容在签名后被修改',
      'bad signature': '签名无效：内容在签名后被修改，或签名不是本节点所签',
    }[verified.reason];
    return refuse(403, why);
  }
  if (verified.signer !== env.nodeId) return refuse(403, '签名者与提交的节点不一致');
  if (Math.abs(now.getTime() - Date.parse(env.timestamp)) > MAX_CLOCK_SKEW_MS)
    return refuse(403, '提交时间与服务器时间相差超过 5 分钟：请求已过期或时钟不准，已拒绝');
  if (s.content.length !== env.size || createHash('sha256').update(s.content).digest('hex') !== env.sha256)
    return refuse(422, '文件内容与签名中的校验值不一致：文件在签名后被修改，已拒绝');
  try {
    await db.exchangeNonce.create({ data: { nodeRef: env.nodeId, nonce: env.nonce } });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')
      return refuse(409, '该请求已提交过（随机数重复），疑似重放，已拒绝');
    throw err;
  }

  const dir = join(tmpdir(), 'xinyong-exchange');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, randomUUID());
  await writeFile(path, s.content, { mode: 0o600 });
  try {
    const result = await receiveExchangeFile({
      nodeId: env.nodeId,
      deptCode: trust.deptCode,
      catalogCode: env.catalogCode,
      channel,
      fileName: env.fileName,
      path,
      sha256: env.sha256,
      taskQueue: opts.taskQueue,
    });
    if (result.outcome === 'REFUSED') return { ok: false, status: 422, reason: result.reason };
    return { ok: true, status: result.outcome === 'BATCH' ? 201 : 200, result };
  } finally {
    await rm(path, { force: true });
  }
}

/** The canonical bytes a node signs, for senders in other languages (documented in the WSDL and API notes). */
export const envelopeBytes = (env: Envelope) => canonicalJson(env);
