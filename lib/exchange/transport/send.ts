// The sending side of the transport: a file is prepared once — chunked, each chunk hashed, a fresh X25519
// key made, the manifest signed with the node's Ed25519 key — and the prepared transfer (plain JSON: keep it, e.g.
// in a job's state, for an asynchronous send) can be sent and re-sent: each attempt asks the receiver what it has
// and sends only the missing chunks, sealed with AES-256-GCM. Requests are retried with exponential backoff on
// network errors and 5xx/429; a refusal (4xx) is final and reported with the receiver's reason.
import { createHash, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { open } from 'node:fs/promises';
import { signJson, type DetachedSignature, type SigningKey } from '@/lib/crypto/signing';
import { newEphemeral, rawX25519, sealChunk, transferKey } from './crypto';
import { DEFAULT_CHUNK_SIZE, type Manifest } from './manifest';
import { TRANSFERS_PATH } from './http';

export interface PreparedTransfer {
  manifest: Manifest;
  signature: DetachedSignature;
  /** The sender's ephemeral X25519 private key (PKCS#8 DER, base64): needed to resume with the same key. */
  ephemeralPrivate: string;
  path: string;
}

export async function prepareTransfer(opts: {
  path: string;
  nodeId: string;
  catalogCode: string;
  fileName: string;
  signingKey: SigningKey;
  transferId?: string;
  chunkSize?: number;
  now?: Date;
}): Promise<PreparedTransfer> {
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const whole = createHash('sha256');
  const chunkSha256: string[] = [];
  let size = 0;
  const fh = await open(opts.path, 'r');
  try {
    const buf = Buffer.alloc(chunkSize);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, chunkSize, size);
      if (bytesRead === 0) break;
      const part = buf.subarray(0, bytesRead);
      whole.update(part);
      chunkSha256.push(createHash('sha256').update(part).digest('hex'));
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
  const eph = newEphemeral();
  const now = opts.now ?? new Date();
  const manifest: Manifest = {
    v: 1,
    transferId: opts.transferId ?? randomUUID(),
    nodeId: opts.nodeId,
    catalogCode: opts.catalogCode,
    fileName: opts.fileName,
    size,
    sha256: whole.digest('hex'),
    chunkSize,
    chunkSha256,
    ephemeralKey: rawX25519(eph.publicKey).toString('base64'),
    timestamp: now.toISOString(),
    nonce: randomUUID(),
  };
  return {
    manifest,
    signature: signJson(manifest, { key: opts.signingKey, signer: opts.nodeId, now }),
    ephemeralPrivate: eph.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    path: opts.path,
  };
}

export class TransferRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface SendOptions {
  /** The receiver's origin, e.g. https://credit.wuzhi.gov.cn */
  baseUrl: string;
  apiKey: string;
  /** The receiver's X25519 public key. */
  receiverKey: KeyObject;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** After each chunk the receiver accepted; throwing interrupts the send (it resumes on the next call). */
  onChunk?: (index: number) => void;
}

export interface SendResult {
  transferId: string;
  /** Chunks sent by this call (fewer than all when it resumed). */
  sentChunks: number;
  body: Record<string, unknown>;
}

export async function sendPrepared(p: PreparedTransfer, o: SendOptions): Promise<SendResult> {
  const id = p.manifest.transferId;
  const url = (suffix: string) => `${o.baseUrl}${TRANSFERS_PATH}${suffix}`;
  const headers = { 'x-exchange-key': o.apiKey };
  const state = await request(o, url(''), {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ manifest: p.manifest, signature: p.signature }),
  });
  const received = new Set((state.received as number[] | undefined) ?? []);
  const ephemeral = createPrivateKey({ key: Buffer.from(p.ephemeralPrivate, 'base64'), format: 'der', type: 'pkcs8' });
  const key = transferKey(ephemeral, o.receiverKey, id);
  let sent = 0;
  const fh = await open(p.path, 'r');
  try {
    for (let i = 0; i < p.manifest.chunkSha256.length; i++) {
      if (received.has(i)) continue;
      const buf = Buffer.alloc(Math.min(p.manifest.chunkSize, p.manifest.size - i * p.manifest.chunkSize));
      await fh.read(buf, 0, buf.length, i * p.manifest.chunkSize);
      if (createHash('sha256').update(buf).digest('hex') !== p.manifest.chunkSha256[i])
        throw new Error(`the file changed since the transfer was prepared (chunk ${i})`);
      await request(o, url(`/${id}/chunks/${i}`), {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(sealChunk(key, id, i, buf)),
      });
      sent++;
      o.onChunk?.(i);
    }
  } finally {
    await fh.close();
  }
  const body = await request(o, url(`/${id}/complete`), { method: 'POST', headers });
  return { transferId: id, sentChunks: sent, body };
}

async function request(o: SendOptions, url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const attempts = o.maxAttempts ?? 5;
  const base = o.baseDelayMs ?? 500;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, init);
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.ok) return body;
      if (res.status < 500 && res.status !== 429)
        throw new TransferRefused(res.status, String(body.title ?? res.statusText));
      last = new Error(`HTTP ${res.status}: ${String(body.title ?? '')}`);
    } catch (err) {
      if (err instanceof TransferRefused) throw err;
      last = err;
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, base * 2 ** (attempt - 1) * (0.5 + Math.random())));
  }
  throw last;
}
