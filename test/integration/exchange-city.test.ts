// The city platform round trip against a stand-in city platform running as a SEPARATE process
// (test/support/city-standin.ts): the scheduled cityUpload workflow uploads the public 双公示 records, the city
// acknowledges some and not others, and the next run re-sends exactly those; the city distributes a signed file
// back through POST /api/exchange/city/inbound into the ordinary import, once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser } from '../../lib/auth/load-user';
import { keyFromSeed, rawPublicKey } from '../../lib/crypto/signing';
import { db } from '../../lib/db';
import { saveNode } from '../../lib/exchange/flows';
import { registerNodeKey } from '../../lib/exchange/protocols/node-keys';
import { temporal } from '../../lib/temporal';
import { CITY_UPLOAD_WORKFLOW, type WorkflowSignatures } from '../../workflows/contracts';
import { recordHistoryIfAsked } from '../support/histories';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const tag = Date.now().toString(36);
const cityKey = `city-${randomUUID()}`;
const seed = randomBytes(32);
let city: ChildProcess;
let cityUrl = '';
let nodeId = '';
let inboundKey = '';

async function runUpload(record?: string) {
  const handle = await temporal().workflow.start<WorkflowSignatures['cityUpload']>(CITY_UPLOAD_WORKFLOW, {
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? 'xinyong',
    workflowId: `city-upload-test-${randomUUID()}`,
    args: [],
  });
  if (record) await recordHistoryIfAsked(handle, record);
  return handle.result();
}

async function distribute(content: Buffer, fileName: string, as = nodeId) {
  const res = await fetch(`${cityUrl}/distribute`, {
    method: 'POST',
    body: JSON.stringify({
      target: `${APP_URL}/api/exchange/city/inbound`,
      apiKey: inboundKey,
      seed: seed.toString('base64'),
      nodeId: as,
      catalogCode: 'ADMIN_PENALTY',
      fileName,
      content: content.toString('base64'),
    }),
  });
  return (await res.json()) as { status: number; body: { outcome?: string; batchId?: string; title?: string } };
}

beforeAll(async () => {
  city = spawn(join('node_modules', '.bin', 'tsx'), ['test/support/city-standin.ts'], {
    env: { ...process.env, CITY_API_KEY: cityKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: city.stdout! }).once('line', resolve);
    city.once('exit', (code) => reject(new Error(`city stand-in exited (${code})`)));
  });
  cityUrl = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
  const admin = { actor: (await loadUser({ username: 'admin' }))!, ip: '127.0.0.1' };
  ({ id: nodeId } = await saveNode(admin, {
    name: `焦作市信用平台-${tag}`,
    kind: 'CITY_PLATFORM',
    endpoint: cityUrl,
    departmentCode: 'SCJGJ',
    credentials: { apiKey: cityKey },
  }));
  ({ apiKey: inboundKey } = await registerNodeKey({
    nodeRef: nodeId,
    deptCode: 'SCJGJ',
    publicKey: rawPublicKey(keyFromSeed(seed).publicKey).toString('base64'),
  }));
}, 60_000);

afterAll(async () => {
  city?.kill('SIGTERM');
  await db.$disconnect();
});

describe('exchange: city platform', () => {
  it('R-4.0 R-8.1 a file the city distributes is imported once through the inbound API; a non-city node is refused', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'city-')), 'penalties.xlsx');
    await writePenaltyXlsx(path, penaltyRows(3, { prefix: `CT${tag}-` }));
    const content = readFileSync(path);
    const first = await distribute(content, `市平台下发_${tag}.xlsx`);
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('BATCH');
    const batch = await waitForBatchStatus(first.body.batchId!, ['COMPLETED', 'RETURNED']);
    expect(batch).toMatchObject({ rowsStored: 3, source: 'EXCHANGE' });

    const again = await distribute(content, `市平台下发_${tag}.xlsx`);
    expect(again).toMatchObject({ status: 200, body: { outcome: 'DUPLICATE' } });
    expect(await db.importBatch.count({ where: { fileId: batch.fileId } })).toBe(1);

    const stranger = await distribute(content, 'x.xlsx', randomUUID());
    expect(stranger.status).toBe(403);
    expect(stranger.body.title).toContain('不是已登记的市平台节点');
  });

  it('R-4.0 uploads the public 双公示 records; what the city did not acknowledge is re-sent next run, then nothing', async () => {
    const one = await runUpload('city-upload');
    expect(one.skipped).toBe(false);
    expect(one.queued).toBeGreaterThanOrEqual(3);
    expect(one.sent).toBe(one.queued);
    expect(one.acknowledged).toBeGreaterThan(0);
    expect(one.pending).toBe(one.sent - one.acknowledged);
    expect(one.pending).toBeGreaterThan(0);
    expect(await db.cityUpload.count({ where: { status: 'SENT' } })).toBe(one.pending);

    const two = await runUpload();
    expect(two).toMatchObject({ queued: 0, sent: one.pending, acknowledged: one.pending, pending: 0 });
    const unacked = await db.cityUpload.count({ where: { status: { not: 'ACKNOWLEDGED' } } });
    expect(unacked).toBe(0);
    const acked = await db.cityUpload.findFirstOrThrow({ where: { status: 'ACKNOWLEDGED' } });
    expect(acked.cityRef).toMatch(/^SZ-/);

    const state = (await (await fetch(`${cityUrl}/state`)).json()) as {
      received: Record<string, number>;
      acknowledged: string[];
    };
    expect(state.acknowledged).toHaveLength(one.queued);
    // Each item went at most twice: once, and once more only when it had not been acknowledged.
    expect(Object.values(state.received).filter((n) => n === 2)).toHaveLength(one.pending);

    // The records of the city's own distribution are among the uploaded public penalties.
    const distributed = await db.creditRecord.findMany({
      where: { data: { path: ['decisionNumber'], string_starts_with: `武市监罚〔2026〕CT${tag}-` } },
      select: { id: true },
    });
    expect(distributed).toHaveLength(3);
    expect(await db.cityUpload.count({ where: { objectId: { in: distributed.map((r) => r.id) } } })).toBe(3);

    const three = await runUpload();
    expect(three).toMatchObject({ queued: 0, sent: 0, pending: 0 });
  }, 180_000);
});
