// The transport between nodes: a file in checksummed, AES-256-GCM sealed chunks with a manifest
// signed by the node's Ed25519 key, sent to the receiver's handlers (the same lib/exchange/transport/http.ts the
// Next routes under /api/exchange/transfers call, mounted here on a loopback HTTP server so the test needs no app
// build). Interrupted after some chunks, the transfer resumes with only the missing ones and imports once; a
// replayed transfer, a tampered chunk and a tampered manifest are refused with their reasons, recorded.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFromSeed, rawPublicKey, type SigningKey } from '../../lib/crypto/signing';
import { db } from '../../lib/db';
import { registerNodeKey } from '../../lib/exchange/protocols/node-keys';
import { platformTransportKey } from '../../lib/exchange/transport/crypto';
import { handleTransportRequest } from '../../lib/exchange/transport/http';
import { prepareTransfer, sendPrepared, TransferRefused } from '../../lib/exchange/transport/send';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const tag = Date.now().toString(36);
const nodeId = `transport-node-${tag}`;
let key: SigningKey;
let apiKey = '';
let server: Server;
let baseUrl = '';

async function sheet(rows: number, prefix: string): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'transport-')), 'f.xlsx');
  await writePenaltyXlsx(path, penaltyRows(rows, { prefix }));
  return path;
}

beforeAll(async () => {
  key = keyFromSeed(randomBytes(32));
  ({ apiKey } = await registerNodeKey({
    nodeRef: nodeId,
    deptCode: 'SCJGJ',
    publicKey: rawPublicKey(key.publicKey).toString('base64'),
  }));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = ['GET', 'HEAD'].includes(req.method ?? 'GET') ? undefined : new Uint8Array(Buffer.concat(chunks));
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      void handleTransportRequest(new Request(`${baseUrl}${req.url}`, { method: req.method, headers, body })).then(
        async (r) => {
          res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db.$disconnect();
});

const options = () => ({ baseUrl, apiKey, receiverKey: platformTransportKey().publicKey, baseDelayMs: 50 });

describe('chunked signed encrypted transport', () => {
  it('R-4.3 R-8.1 resumes an interrupted transfer with only the missing chunks, imports once, refuses the replay', async () => {
    const path = await sheet(20, `TR${tag}-`);
    const prepared = await prepareTransfer({
      path,
      nodeId,
      catalogCode: 'ADMIN_PENALTY',
      fileName: `传输_${tag}.xlsx`,
      signingKey: key,
      chunkSize: 1024,
    });
    const total = prepared.manifest.chunkSha256.length;
    expect(total).toBeGreaterThan(4);

    await expect(
      sendPrepared(prepared, {
        ...options(),
        onChunk: (i) => {
          if (i === 2) throw new Error('connection lost');
        },
      }),
    ).rejects.toThrow('connection lost');
    const half = await db.exchangeTransfer.findUniqueOrThrow({ where: { id: prepared.manifest.transferId } });
    expect(half).toMatchObject({ status: 'RECEIVING' });
    expect(half.received.sort()).toEqual([0, 1, 2]);

    const resumed = await sendPrepared(prepared, options());
    expect(resumed.sentChunks).toBe(total - 3);
    const result = resumed.body.result as { outcome: string; batchId: string };
    expect(result.outcome).toBe('BATCH');
    expect((await waitForBatchStatus(result.batchId, ['COMPLETED', 'RETURNED'])).rowsStored).toBe(20);

    const replay = await sendPrepared(prepared, options()).catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(TransferRefused);
    expect((replay as TransferRefused).reason).toContain('重放');
    expect(await db.exchangeReceipt.count({ where: { nodeRef: nodeId } })).toBe(1);
    expect(
      await db.exchangeRefusal.count({ where: { nodeRef: nodeId, reason: { contains: '重放' } } }),
    ).toBeGreaterThan(0);
  });

  it('R-8.1 refuses a tampered chunk and a tampered manifest, recorded, nothing imported', async () => {
    const path = await sheet(3, `TT${tag}-`);
    const prepared = await prepareTransfer({
      path,
      nodeId,
      catalogCode: 'ADMIN_PENALTY',
      fileName: `篡改_${tag}.xlsx`,
      signingKey: key,
      chunkSize: 1024,
    });
    const id = prepared.manifest.transferId;
    const init = await fetch(`${baseUrl}/api/exchange/transfers`, {
      method: 'POST',
      headers: { 'x-exchange-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ manifest: prepared.manifest, signature: prepared.signature }),
    });
    expect(init.status).toBe(201);
    const bad = await fetch(`${baseUrl}/api/exchange/transfers/${id}/chunks/0`, {
      method: 'PUT',
      headers: { 'x-exchange-key': apiKey, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(randomBytes(1100)),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { title: string }).title).toContain('篡改');
    expect((await db.exchangeTransfer.findUniqueOrThrow({ where: { id } })).received).toEqual([]);

    const forged = await prepareTransfer({
      path,
      nodeId,
      catalogCode: 'ADMIN_PENALTY',
      fileName: `伪造_${tag}.xlsx`,
      signingKey: key,
      chunkSize: 1024,
    });
    const tampered = { ...forged, manifest: { ...forged.manifest, catalogCode: 'OTHER_CATALOG' } };
    const refused = await sendPrepared(tampered, options()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransferRefused);
    expect((refused as TransferRefused).status).toBe(403);
    expect(await db.exchangeRefusal.count({ where: { nodeRef: nodeId, reason: { contains: '签名无效' } } })).toBe(1);
    expect(await db.exchangeTransfer.count({ where: { id: forged.manifest.transferId } })).toBe(0);
  });
});
