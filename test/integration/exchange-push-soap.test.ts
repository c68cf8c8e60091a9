// The web-service ways in: a node pushes a signed file to POST /api/exchange/push on the running
// app, and a legacy system submits the same over SOAP (the `soap` server module). A signed file becomes one batch
// of the ordinary import; an unsigned, tampered, stale, replayed or wrongly keyed submission is refused with its
// reason and recorded; a replay of an accepted file imports nothing; keys rotate and a revoked key verifies nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientAsync } from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFromSeed, rawPublicKey, type SigningKey } from '../../lib/crypto/signing';
import { db } from '../../lib/db';
import { registerNodeKey, revokeNodeKey } from '../../lib/exchange/protocols/node-keys';
import { startSoapServer } from '../../lib/exchange/protocols/soap-server';
import { signSubmission } from '../../lib/exchange/protocols/submission';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const tag = Date.now().toString(36);
const nodeId = `push-node-${tag}`;
let key: SigningKey;
let apiKey = '';
let soap: Awaited<ReturnType<typeof startSoapServer>>;

async function xlsx(rows: number, prefix: string): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'push-')), 'f.xlsx');
  await writePenaltyXlsx(path, penaltyRows(rows, { prefix }));
  return readFileSync(path);
}

function signed(content: Buffer, fileName: string, k = key, now?: Date) {
  return { ...signSubmission(content, { nodeId, catalogCode: 'ADMIN_PENALTY', fileName }, k, now), content };
}

async function push(body: { envelope: unknown; signature?: unknown; content: Buffer }, withKey = apiKey) {
  const res = await fetch(`${APP_URL}/api/exchange/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-exchange-key': withKey },
    body: JSON.stringify({ ...body, content: body.content.toString('base64') }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function refusalFor(nonce: string) {
  return db.exchangeRefusal.findFirst({ where: { nodeRef: nodeId, subject: { contains: nonce } } });
}

beforeAll(async () => {
  key = keyFromSeed(randomBytes(32));
  ({ apiKey } = await registerNodeKey({
    nodeRef: nodeId,
    deptCode: 'SCJGJ',
    publicKey: rawPublicKey(key.publicKey).toString('base64'),
  }));
  soap = await startSoapServer({ port: 0 });
});
afterAll(async () => {
  await new Promise((resolve) => soap?.server.close(resolve));
  await db.$disconnect();
});

describe('REST push', () => {
  it('R-4.3 R-8.1 imports a signed push once; the replayed request and a re-sent copy import nothing', async () => {
    const s = signed(await xlsx(3, `PU${tag}-`), `推送_${tag}.xlsx`);
    const first = await push(s);
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('BATCH');
    const batch = await waitForBatchStatus(String(first.body.batchId), ['COMPLETED', 'RETURNED']);
    expect(batch).toMatchObject({ rowsStored: 3, source: 'EXCHANGE' });

    const replay = await push(s);
    expect(replay.status).toBe(409);
    expect(replay.body.title).toContain('疑似重放');
    expect((await refusalFor(s.envelope.nonce))?.reason).toContain('疑似重放');

    const resent = await push(signed(s.content, `推送_${tag}_重发.xlsx`));
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ outcome: 'DUPLICATE', batchNumber: batch.number });
    expect(await db.importBatch.count({ where: { fileId: batch.fileId } })).toBe(1);
  });

  it('R-8.1 refuses unsigned, tampered, stale and wrongly keyed pushes with a clear reason, recorded', async () => {
    const content = await xlsx(2, `PX${tag}-`);
    const cases: {
      name: string;
      body: () => Parameters<typeof push>[0];
      key?: string;
      status: number;
      says: string;
    }[] = [
      {
        name: 'unsigned',
        body: () => ({ ...signed(content, 'a.xlsx'), signature: undefined }),
        status: 401,
        says: '未签名',
      },
      {
        name: 'wrong api key',
        body: () => signed(content, 'b.xlsx'),
        key: 'not-the-key',
        status: 401,
        says: '接口密钥不正确',
      },
      {
        name: 'tampered content',
        body: () => ({ ...signed(content, 'c.xlsx'), content: Buffer.concat([content, Buffer.from('x')]) }),
        status: 422,
        says: '校验值不一致',
      },
      {
        name: 'tampered envelope',
        body: () => {
          const s = signed(content, 'd.xlsx');
          return { ...s, envelope: { ...s.envelope, fileName: 'other.xlsx' } };
        },
        status: 403,
        says: '签名',
      },
      {
        name: 'stale',
        body: () => signed(content, 'e.xlsx', key, new Date(Date.now() - 10 * 60_000)),
        status: 403,
        says: '已过期',
      },
      {
        name: 'untrusted key',
        body: () => signed(content, 'f.xlsx', keyFromSeed(randomBytes(32))),
        status: 403,
        says: '受信任密钥',
      },
    ];
    for (const c of cases) {
      const body = c.body();
      const res = await push(body, c.key);
      expect({ case: c.name, status: res.status }).toEqual({ case: c.name, status: c.status });
      expect(String(res.body.title)).toContain(c.says);
      const nonce = (body.envelope as { nonce: string }).nonce;
      expect((await refusalFor(nonce))?.reason).toContain(c.says);
    }
    expect(await db.exchangeReceipt.count({ where: { nodeRef: nodeId, fileName: { in: ['a.xlsx', 'c.xlsx'] } } })).toBe(
      0,
    );
  });

  it('R-8.1 rotates keys: a new key is trusted alongside the old; a revoked key verifies nothing', async () => {
    const next = keyFromSeed(randomBytes(32));
    const { apiKey: nextApiKey } = await registerNodeKey({
      nodeRef: nodeId,
      deptCode: 'SCJGJ',
      publicKey: rawPublicKey(next.publicKey).toString('base64'),
    });
    const withNew = await push(signed(await xlsx(1, `PR${tag}-`), `轮换_${tag}.xlsx`, next), nextApiKey);
    expect(withNew.status).toBe(201);
    await revokeNodeKey(nodeId, key.keyId);
    const withOld = await push(signed(await xlsx(1, `PO${tag}-`), `旧钥_${tag}.xlsx`), nextApiKey);
    expect(withOld.status).toBe(403);
    expect(String(withOld.body.title)).toContain('受信任密钥');
    key = next;
    apiKey = nextApiKey;
  });
});

describe('SOAP', () => {
  it('R-4.3 R-8.1 a legacy system submits a signed file over SOAP into one batch; an unsigned one is refused', async () => {
    const client = await createClientAsync(`${soap.url}?wsdl`, {}, soap.url);
    const s = signed(await xlsx(2, `SO${tag}-`), `SOAP_${tag}.xlsx`);
    const args = {
      apiKey,
      envelope: JSON.stringify(s.envelope),
      signature: JSON.stringify(s.signature),
      content: s.content.toString('base64'),
    };
    const [ok] = (await client.SubmitFileAsync(args)) as [Record<string, unknown>];
    expect(ok).toMatchObject({ status: 201, outcome: 'BATCH' });
    const receipt = await db.exchangeReceipt.findFirstOrThrow({ where: { nodeRef: nodeId, channel: 'SOAP' } });
    expect((await waitForBatchStatus(receipt.batchId!, ['COMPLETED', 'RETURNED'])).rowsStored).toBe(2);

    const u = signed(await xlsx(1, `SU${tag}-`), `SOAP_unsigned_${tag}.xlsx`);
    const [refused] = (await client.SubmitFileAsync({
      apiKey,
      envelope: JSON.stringify(u.envelope),
      content: u.content.toString('base64'),
    })) as [Record<string, unknown>];
    expect(refused).toMatchObject({ status: 401, outcome: 'REFUSED', reason: expect.stringContaining('未签名') });
  });
});
