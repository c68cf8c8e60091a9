// A department front-end database as an exchange source, on the real stack (R-4.1, R-4.2, R-4.4): a second
// PostgreSQL database on the test server plays the department's front-end store. Rows move by watermark in
// chunks into batches of the ordinary import (QC, suspects and the return-and-fix loop unchanged), resume after
// a failure with no duplicate and no gap, stop with a reason when the watermark goes backwards or the columns
// change, and suspect items are written back to the store for a two-way flow.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/guard';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError } from '../../lib/errors';
import {
  previewFlow,
  runFlowNow,
  saveFlow,
  saveNode,
  saveSource,
  setFlowEnabled,
  testSourceConnection,
} from '../../lib/exchange/flows';
import type { Mapping } from '../../lib/exchange/transforms/mapping';
import { temporal } from '../../lib/temporal';
import { recordHistoryIfAsked } from '../support/histories';
import { penaltyHeaders, penaltyRows } from '../support/penalty-data';
import { waitFor } from '../support/wait';

const tag = Date.now().toString(36);
const feDb = `fe_${tag}`;
const feRole = `fe_${tag}`;
const fePassword = `pw-${tag}`;
const ownerUrl = process.env.BACKUP_DATABASE_URL ?? process.env.DATABASE_URL!;
const keys = penaltyHeaders().map((h) => h.key);
const feUrl = () => {
  const u = new URL(ownerUrl);
  u.pathname = `/${feDb}`;
  u.username = '';
  u.password = '';
  return u.toString();
};
let admin: AdminContext;
let fe: pg.Client;
let nodeId = '';

// The store keeps dates as 2026/10/15 text, fines in 元 and names padded: the flow's transforms fix all three.
const mapping: Mapping = {
  fields: keys.map((key) => {
    if (key === 'decisionDate' || key === 'publicUntil')
      return {
        target: key,
        sources: [key.toLowerCase()],
        steps: [{ op: 'date', formats: ['YYYY/MM/DD', 'YYYY-MM-DD'] }],
      };
    if (key === 'fineAmount')
      return { target: key, sources: ['fine_yuan'], steps: [{ op: 'money', from: '元', to: '万元' }] };
    if (key === 'legalRepCertType') return { target: key, sources: [], steps: [{ op: 'constant', value: '01' }] };
    return { target: key, sources: [key.toLowerCase()], steps: [{ op: 'trim' }] };
  }),
};
const storeColumns = keys.filter((k) => k !== 'fineAmount' && k !== 'legalRepCertType').map((k) => k.toLowerCase());

async function createTable(table: string) {
  await fe.query(`CREATE TABLE ${table} (id int PRIMARY KEY, updated_at timestamptz NOT NULL, fine_yuan numeric,
    ${storeColumns.map((c) => `${c} text`).join(', ')})`);
  await fe.query(`GRANT SELECT ON ${table} TO ${feRole}`);
}

/** Rows `from`..`from+count-1` of the penalty data, watermark = a second per id (updates move far ahead). */
async function insertRows(table: string, from: number, count: number, prefix: string, faultEvery = 0) {
  const rows = penaltyRows(from + count - 1, { prefix, faultEvery }).slice(from - 1);
  for (let i = 0; i < rows.length; i += 100) {
    const part = rows.slice(i, i + 100);
    const params: unknown[] = [];
    const tuples = part.map((r, j) => {
      const id = from + i + j;
      const v = r.values;
      const vals = [
        id,
        new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
        String(Number(v.fineAmount) * 10000),
        ...storeColumns.map((c) => {
          const key = keys.find((k) => k.toLowerCase() === c)!;
          const value = v[key] ?? '';
          if (key === 'decisionDate' || key === 'publicUntil') return value.replace(/-/g, '/');
          if (key === 'subjectName') return `  ${value} `;
          return value;
        }),
      ];
      const start = params.length;
      params.push(...vals);
      return `(${vals.map((_, k) => `$${start + k + 1}`).join(',')})`;
    });
    await fe.query(
      `INSERT INTO ${table} (id, updated_at, fine_yuan, ${storeColumns.join(',')}) VALUES ${tuples.join(',')}`,
      params,
    );
  }
}

async function makeFlow(
  table: string,
  opts: { query?: string; direction?: 'IN' | 'TWO_WAY'; writeBack?: string; node?: string } = {},
) {
  const source = await saveSource(admin, {
    nodeId: opts.node ?? nodeId,
    name: `来源-${table}`,
    kind: 'DATABASE',
    config: {
      query: opts.query ?? `SELECT * FROM ${table}`,
      watermarkColumn: 'updated_at',
      statementTimeoutMs: 30_000,
    },
  });
  const flow = await saveFlow(admin, {
    name: `流程-${table}-${tag}`,
    sourceId: source.id,
    catalogCode: 'ADMIN_PENALTY',
    direction: opts.direction ?? 'IN',
    mapping,
    writeBackTable: opts.writeBack ?? null,
  });
  return { sourceId: source.id, flowId: flow.id };
}

async function runAndWait(flowId: string, opts: { retry?: boolean; chunkSize?: number; record?: string } = {}) {
  const { workflowId } = await runFlowNow(admin, flowId, opts);
  const handle = temporal().workflow.getHandle(workflowId);
  const result = await handle.result();
  if (opts.record) await recordHistoryIfAsked(handle, opts.record);
  const run = await db.exchangeRun.findUniqueOrThrow({ where: { id: result.runId } });
  return { result, run };
}

async function batchesSettled(batchIds: string[]) {
  return waitFor(
    'exchange batches to finish their import',
    async () => {
      const batches = await db.importBatch.findMany({ where: { id: { in: batchIds } } });
      return batches.length === batchIds.length &&
        batches.every((b) => ['COMPLETED', 'RETURNED', 'FAILED'].includes(b.status))
        ? batches
        : null;
    },
    180_000,
  );
}

/** Records and suspects of a decision-number prefix: every source row exactly once, nothing doubled. */
async function accounted(prefix: string) {
  const records = await db.creditRecord.findMany({
    where: { data: { path: ['decisionNumber'], string_starts_with: `武市监罚〔2026〕${prefix}` } },
    select: { id: true, naturalKey: true, data: true },
  });
  return records;
}

beforeAll(async () => {
  admin = { actor: (await loadUser({ username: 'admin' }))!, ip: '127.0.0.1' };
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`CREATE ROLE ${feRole} LOGIN PASSWORD '${fePassword}'`);
  await owner.query(`CREATE DATABASE ${feDb}`);
  await owner.end();
  const u = new URL(ownerUrl);
  u.pathname = `/${feDb}`;
  fe = new pg.Client({ connectionString: u.toString() });
  await fe.connect();
  await fe.query(
    `CREATE TABLE xy_suspects (suspect_id text PRIMARY KEY, batch_number text, row_number int, reasons text, written_at timestamptz)`,
  );
  await fe.query(`GRANT SELECT, INSERT ON xy_suspects TO ${feRole}`);
  const node = await saveNode(admin, {
    name: `市场监管局前置库-${tag}`,
    kind: 'DEPARTMENT_FRONT_END',
    endpoint: feUrl(),
    departmentCode: 'SCJGJ',
    credentials: { username: feRole, password: fePassword },
  });
  nodeId = node.id;
}, 60_000);

afterAll(async () => {
  await fe?.end();
  await db.$disconnect();
});

describe('exchange: department front-end database', () => {
  const prefix = `X${tag}-`;
  let flowId = '';

  it('R-4.1 R-4.4 refuses to enable a flow before a preview of its current configuration passed', async () => {
    await createTable('penalties');
    await insertRows('penalties', 1, 250, prefix, 50);
    ({ flowId } = await makeFlow('penalties', { direction: 'TWO_WAY', writeBack: 'xy_suspects' }));
    await expect(setFlowEnabled(admin, flowId, true)).rejects.toBeInstanceOf(ConflictError);
    const preview = await previewFlow(admin, flowId, { limit: 5 });
    expect(preview.passed).toBe(true);
    const first = preview.rows[0]!.result;
    expect(first.ok && first.values.fineAmount).toBe('0.2');
    expect(first.ok && first.values.decisionDate).toBe('2026-10-15');
    expect(first.ok && first.values.subjectName).not.toMatch(/^\s|\s$/);
    // A pasted row a transform cannot read is shown with its reason, and the preview does not pass.
    const bad = await previewFlow(admin, flowId, { rows: [{ decisiondate: '十月', fine_yuan: 'abc' }] });
    expect(bad.passed).toBe(false);
    expect(bad.rows[0]!.result.ok === false && bad.rows[0]!.result.errors.join()).toMatch(/不是可识别的日期|不是金额/);
    await expect(setFlowEnabled(admin, flowId, true)).rejects.toBeInstanceOf(ConflictError);
    await previewFlow(admin, flowId, { limit: 5 });
    expect((await setFlowEnabled(admin, flowId, true)).enabled).toBe(true);
  });

  it('R-4.1 R-1.3.1 syncs incrementally over two runs: new rows once, an updated row as a revision, nothing doubled', async () => {
    const { result, run } = await runAndWait(flowId, { chunkSize: 100, record: 'exchange-flow-run-chunks' });
    expect(result.status).toBe('SUCCEEDED');
    expect(run.rowsRead).toBe(250);
    expect(run.batchIds).toHaveLength(3);
    const batches = await batchesSettled(run.batchIds);
    expect(batches.every((b) => b.source === 'EXCHANGE')).toBe(true);
    const suspects = await db.suspectItem.count({ where: { batchId: { in: run.batchIds } } });
    expect(suspects).toBe(5); // every 50th row is faulty
    expect(await accounted(prefix)).toHaveLength(245);

    await fe.query(
      `UPDATE penalties SET facts = facts || '已更正', updated_at = updated_at + interval '100 days' WHERE id IN (1, 2, 3)`,
    );
    await insertRows('penalties', 251, 10, prefix);
    const second = await runAndWait(flowId, { chunkSize: 100 });
    expect(second.result.status).toBe('SUCCEEDED');
    expect(second.run.rowsRead).toBe(13);
    expect(second.run.cursorBefore).toBe(run.cursorAfter);
    await batchesSettled(second.run.batchIds);
    const records = await accounted(prefix);
    expect(records).toHaveLength(255);
    expect(new Set(records.map((r) => r.naturalKey)).size).toBe(255);
    const updated = records.filter((r) => String((r.data as { facts?: string }).facts).endsWith('已更正'));
    expect(updated).toHaveLength(3);
    const revisions = await db.creditRecordRevision.count({ where: { recordId: { in: updated.map((r) => r.id) } } });
    expect(revisions).toBeGreaterThanOrEqual(3);
  });

  it('R-4.1 writes suspect items with their reasons back to the department front-end store (two-way flow)', async () => {
    const third = await runAndWait(flowId, { chunkSize: 100 });
    expect(third.result.status).toBe('SUCCEEDED');
    const written = await fe.query<{ reasons: string; batch_number: string }>('SELECT * FROM xy_suspects');
    expect(written.rows).toHaveLength(5);
    expect(written.rows.every((r) => r.reasons.length > 0 && r.batch_number.startsWith('PC'))).toBe(true);
    // Idempotent: a further run writes nothing twice.
    await runAndWait(flowId, { chunkSize: 100 });
    expect((await fe.query('SELECT count(*)::int AS n FROM xy_suspects')).rows[0].n).toBe(5);
  });

  it('R-4.1 R-4.3 resumes a run that failed mid-way from the committed cursor: no duplicate, no gap', async () => {
    const p2 = `Y${tag}-`;
    await createTable('resumable');
    await insertRows('resumable', 1, 100, p2);
    // The store fails on any row past the limit when it is returned: rows 1–60 come, then the source breaks.
    await fe.query(`CREATE TABLE fail_after (n int)`);
    await fe.query(`INSERT INTO fail_after VALUES (60)`);
    await fe.query(`GRANT SELECT ON fail_after TO ${feRole}`);
    await fe.query(`CREATE FUNCTION guard(i int) RETURNS boolean STABLE LANGUAGE plpgsql AS $$
      BEGIN IF i > (SELECT n FROM fail_after) THEN RAISE EXCEPTION 'front-end store failed at row %', i; END IF; RETURN true; END $$`);
    const { flowId: f2 } = await makeFlow('resumable', { query: 'SELECT r.*, guard(r.id) AS ok FROM resumable r' });
    const failed = await runAndWait(f2, { chunkSize: 30 });
    expect(failed.result.status).toBe('FAILED');
    expect(failed.run.status).toBe('FAILED');
    expect(failed.run.error).toContain('front-end store failed');
    expect(failed.run.rowsRead).toBe(60);

    await fe.query(`UPDATE fail_after SET n = 1000000`);
    const resumed = await runAndWait(f2, { retry: true, chunkSize: 30 });
    expect(resumed.result.status).toBe('SUCCEEDED');
    expect(resumed.run.cursorBefore).toBe(failed.run.cursorAfter);
    expect(resumed.run.rowsRead).toBe(40);
    await batchesSettled([...failed.run.batchIds, ...resumed.run.batchIds]);
    const records = await accounted(p2);
    expect(records).toHaveLength(100);
    const numbers = records.map((r) => (r.data as { decisionNumber: string }).decisionNumber);
    expect(new Set(numbers).size).toBe(100);
  });

  it('R-4.1 stops a flow whose watermark goes backwards or whose columns change, with the reason', async () => {
    await createTable('shifting');
    await insertRows('shifting', 1, 5, `Z${tag}-`);
    const { flowId: f3 } = await makeFlow('shifting');
    expect((await runAndWait(f3)).result.status).toBe('SUCCEEDED');

    await fe.query(`UPDATE shifting SET updated_at = updated_at - interval '10 years'`);
    const back = await runAndWait(f3);
    expect(back.result.status).toBe('STOPPED');
    expect(back.run.error).toContain('水位倒退');
    expect((await db.exchangeFlow.findUniqueOrThrow({ where: { id: f3 } })).stoppedReason).toContain('水位倒退');

    await fe.query(`UPDATE shifting SET updated_at = updated_at + interval '20 years'`);
    await fe.query(`ALTER TABLE shifting ADD COLUMN extra text`);
    const changed = await runAndWait(f3, { retry: true });
    expect(changed.result.status).toBe('STOPPED');
    expect(changed.run.error).toContain('来源的列发生变化');
    expect(changed.run.error).toContain('extra');
  });

  it('R-4.2 R-4.4 records wrong credentials and an unreachable host clearly', async () => {
    await createTable('guarded');
    const wrong = await saveNode(admin, {
      name: `错误口令-${tag}`,
      kind: 'DEPARTMENT_FRONT_END',
      endpoint: feUrl(),
      departmentCode: 'SCJGJ',
      credentials: { username: feRole, password: 'not-the-password' },
    });
    const { sourceId, flowId: f4 } = await makeFlow('guarded', { node: wrong.id });
    const check = await testSourceConnection(admin, sourceId);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('用户名或密码错误');
    const node = await db.exchangeNode.findUniqueOrThrow({ where: { id: wrong.id } });
    expect(node.healthOk).toBe(false);
    const run = await runAndWait(f4);
    expect(run.result.status).toBe('FAILED');
    expect(run.run.error).toContain('用户名或密码错误');

    const down = await saveNode(admin, {
      name: `不可达-${tag}`,
      kind: 'DEPARTMENT_FRONT_END',
      endpoint: `postgresql://127.0.0.1:1/${feDb}`,
      departmentCode: 'SCJGJ',
      credentials: { username: feRole, password: fePassword },
    });
    const s5 = await saveSource(admin, {
      nodeId: down.id,
      name: '不可达来源',
      kind: 'DATABASE',
      config: { query: 'SELECT * FROM guarded', watermarkColumn: 'updated_at' },
    });
    const unreachable = await testSourceConnection(admin, s5.id);
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).toContain('拒绝连接');
  });
});
