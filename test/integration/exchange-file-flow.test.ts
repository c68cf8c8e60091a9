// A FILE source as an exchange flow: an SFTP source on a node whose credentials are sealed,
// run on demand through the exchangeFlowRun workflow (the same one its Schedule starts): the waiting file becomes
// a batch of the ordinary import and is moved to the done folder, the run records files and batches; a second
// run, with the same content put back under another name, imports nothing twice and records why.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/guard';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { runFlowNow, saveFlow, saveNode, saveSource, testSourceConnection } from '../../lib/exchange/flows';
import { temporal } from '../../lib/temporal';
import { startSftpServer, type SftpServer } from '../support/exchange-servers';
import { recordHistoryIfAsked } from '../support/histories';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitForBatchStatus } from '../support/wait';

const tag = Date.now().toString(36);
const password = 'S3cret-pass';
let admin: AdminContext;
let server: SftpServer;
let flowId = '';
let sourceId = '';

async function runAndWait(record?: string) {
  const { workflowId } = await runFlowNow(admin, flowId);
  const handle = temporal().workflow.getHandle(workflowId);
  const result = await handle.result();
  if (record) await recordHistoryIfAsked(handle, record);
  const run = await db.exchangeRun.findUniqueOrThrow({ where: { id: result.runId } });
  return { result, run };
}

beforeAll(async () => {
  admin = { actor: (await loadUser({ username: 'admin' }))!, ip: '127.0.0.1' };
  server = await startSftpServer({ username: 'dept', password });
  mkdirSync(join(server.root, 'out'), { recursive: true });
  const node = await saveNode(admin, {
    name: `市场监管局前置机-${tag}`,
    kind: 'DEPARTMENT_FRONT_END',
    endpoint: `sftp://127.0.0.1:${server.port}`,
    departmentCode: 'SCJGJ',
    credentials: { username: 'dept', password },
  });
  const source = await saveSource(admin, {
    nodeId: node.id,
    name: `SFTP-${tag}`,
    kind: 'SFTP',
    config: { path: '/out', settleSeconds: 0 },
  });
  sourceId = source.id;
  const flow = await saveFlow(admin, {
    name: `SFTP 流程-${tag}`,
    sourceId,
    catalogCode: 'ADMIN_PENALTY',
    direction: 'IN',
    // A file source hands whole files to the import; the mapping is not applied to them.
    mapping: { fields: [{ target: 'subjectName', sources: ['subjectName'], steps: [] }] },
  });
  flowId = flow.id;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await db.$disconnect();
});

describe('exchange: SFTP flow', () => {
  it('R-4.2 tests the connection with the credentials unsealed from the node, never stored in the source', async () => {
    expect(await testSourceConnection(admin, sourceId)).toMatchObject({ ok: true });
    const stored = await db.exchangeSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(JSON.stringify(stored.config)).not.toContain(password);
  });

  it('R-4.1 R-4.4 an SFTP flow run on demand imports its file into a batch; a second run imports nothing twice', async () => {
    await writePenaltyXlsx(join(server.root, 'out', `处罚_${tag}.xlsx`), penaltyRows(4, { prefix: `FF${tag}-` }));

    const first = await runAndWait('exchange-flow-run-files');
    expect(first.result).toMatchObject({ status: 'SUCCEEDED', batches: 1 });
    expect(first.run).toMatchObject({ status: 'SUCCEEDED', filesRead: 1, filesRefused: 0 });
    expect(first.run.batchIds).toHaveLength(1);
    const batch = await waitForBatchStatus(first.run.batchIds[0]!, ['COMPLETED', 'RETURNED']);
    expect(batch).toMatchObject({ rowsStored: 4, source: 'EXCHANGE' });
    expect(readdirSync(join(server.root, 'out', 'done'))).toEqual([`处罚_${tag}.xlsx`]);

    // The department puts the same content back under another name: received before, not imported again.
    copyFileSync(join(server.root, 'out', 'done', `处罚_${tag}.xlsx`), join(server.root, 'out', `再次_${tag}.xlsx`));
    const second = await runAndWait();
    expect(second.result).toMatchObject({ status: 'SUCCEEDED', batches: 0 });
    expect(second.run).toMatchObject({ filesRead: 1, batchIds: [] });
    const receipt = await db.exchangeReceipt.findFirstOrThrow({ where: { batchId: first.run.batchIds[0] } });
    expect(await db.importBatch.count({ where: { file: { sha256: receipt.sha256 } } })).toBe(1);
    expect(readdirSync(join(server.root, 'out'))).toEqual(['done']);
  });

  it('R-4.4 a run against an unreachable node fails with the reason on the run', async () => {
    const node = await db.exchangeSource.findUniqueOrThrow({ where: { id: sourceId }, select: { nodeId: true } });
    await db.exchangeNode.update({ where: { id: node.nodeId }, data: { endpoint: 'sftp://127.0.0.1:1' } });
    const { result, run } = await runAndWait();
    expect(result.status).toBe('FAILED');
    expect(run.error).toContain('连接被拒绝');
  }, 120_000);
});
