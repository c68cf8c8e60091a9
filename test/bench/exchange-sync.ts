// `npm run bench -- exchange [--rows 1000000]` (R-4.1, R-9.1): database-to-database incremental sync of a
// department front-end store into the platform, against a plain COPY of the same rows between two databases
// on the same server in the same run. Brings up a private stack, fills a front-end table (行政处罚 rows, the
// watermark a second per row), then measures:
//   - baseline: COPY (SELECT …) TO STDOUT from the store piped into COPY … FROM STDIN of another database;
//   - sync: one exchangeFlowRun (chunks of 10,000 rows → batches) until every batch's import has finished,
//     with the worker's peak RSS.
// Figures go to the console and are appended to test/bench/results.md.
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startStack } from '../../scripts/dev/stack';
import { generatePenaltyRows, penaltyHeaders } from '../support/penalty-data';
import { monitorPeakRss } from './rss';

const log = (line: string) => console.log(`[bench exchange] ${line}`);
const args = process.argv.slice(2).filter((a) => a !== '--' && a !== 'exchange');
const at = args.indexOf('--rows');
const rows = Number(at >= 0 ? args[at + 1] : 1_000_000);
const CHUNK = 10_000;

const keys = penaltyHeaders().map((h) => h.key);
const cols = keys.map((k) => k.toLowerCase());

log('starting a private stack (PostgreSQL, Temporal, worker)…');
const stack = await startStack({ withApp: false, log: (l) => log(`stack: ${l}`) });
Object.assign(process.env, stack.env);
const ownerUrl = stack.env.BACKUP_DATABASE_URL ?? stack.env.DATABASE_URL!;
const urlOf = (name: string) => {
  const u = new URL(ownerUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const { db } = await import('../../lib/db');
const { loadUser } = await import('../../lib/auth/load-user');
const flows = await import('../../lib/exchange/flows');
const { temporal } = await import('../../lib/temporal');

try {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(`CREATE ROLE bench_fe LOGIN PASSWORD 'bench-fe'`);
  await owner.query('CREATE DATABASE bench_fe');
  await owner.query('CREATE DATABASE bench_copy');
  await owner.end();
  const fe = new pg.Client({ connectionString: urlOf('bench_fe') });
  await fe.connect();
  const table = `(id int PRIMARY KEY, updated_at timestamptz NOT NULL, ${cols.map((c) => `${c} text`).join(', ')})`;
  await fe.query(`CREATE TABLE penalties ${table}`);
  await fe.query('GRANT SELECT ON penalties TO bench_fe');

  // 300 distinct organisations repeat (as penaltyRows does); the decision number makes each row its own record.
  log(`filling the front-end store with ${rows.toLocaleString()} rows…`);
  await fe.query(`CREATE TEMP TABLE orgs (i int, ${cols.map((c) => `${c} text`).join(', ')})`);
  let i = 0;
  for (const r of generatePenaltyRows(300, { prefix: 'B' })) {
    await fe.query(`INSERT INTO orgs VALUES ($1, ${cols.map((_, k) => `$${k + 2}`).join(',')})`, [
      i++,
      ...keys.map((k) => r.values[k] ?? ''),
    ]);
  }
  const select = cols.map((c) => (c === 'decisionnumber' ? `'武市监罚〔2026〕EX' || g || '号'` : `o.${c}`)).join(', ');
  await fe.query(
    `INSERT INTO penalties SELECT g, timestamptz '2026-01-01' + g * interval '1 second', ${select}
       FROM generate_series(1, ${rows}) g JOIN orgs o ON o.i = g % 300`,
  );
  await fe.query('ANALYZE penalties');

  // Baseline: a plain COPY of the same rows, database to database.
  const target = new pg.Client({ connectionString: urlOf('bench_copy') });
  await target.connect();
  await target.query(`CREATE TABLE penalties ${table}`);
  const copyStart = Date.now();
  await pipeline(
    fe.query(copyTo('COPY (SELECT * FROM penalties ORDER BY updated_at) TO STDOUT')),
    target.query(copyFrom('COPY penalties FROM STDIN')),
  );
  const copySeconds = (Date.now() - copyStart) / 1000;
  await target.end();
  await fe.end();
  log(`COPY: ${Math.round(rows / copySeconds).toLocaleString()} rows/s (${copySeconds.toFixed(1)} s)`);

  const admin = { actor: (await loadUser({ username: 'admin' }))!, ip: null };
  const node = await flows.saveNode(admin, {
    name: '基准前置库',
    kind: 'DEPARTMENT_FRONT_END',
    endpoint: urlOf('bench_fe').replace(/\/\/[^@]*@/, '//'),
    departmentCode: 'SCJGJ',
    credentials: { username: 'bench_fe', password: 'bench-fe' },
  });
  const source = await flows.saveSource(admin, {
    nodeId: node.id,
    name: '行政处罚表',
    kind: 'DATABASE',
    config: { query: 'SELECT * FROM penalties', watermarkColumn: 'updated_at', statementTimeoutMs: 600_000 },
  });
  const flow = await flows.saveFlow(admin, {
    name: '基准同步',
    sourceId: source.id,
    catalogCode: 'ADMIN_PENALTY',
    direction: 'IN',
    mapping: { fields: keys.map((k) => ({ target: k, sources: [k.toLowerCase()], steps: [{ op: 'trim' as const }] })) },
  });

  const rss = monitorPeakRss(stack.workerPid!);
  const syncStart = Date.now();
  const { workflowId } = await flows.runFlowNow(admin, flow.id, { chunkSize: CHUNK });
  const result = await temporal().workflow.getHandle(workflowId).result();
  const runSeconds = (Date.now() - syncStart) / 1000;
  const run = await db.exchangeRun.findUniqueOrThrow({ where: { id: result.runId } });
  for (;;) {
    const open = await db.importBatch.count({
      where: { id: { in: run.batchIds }, status: { in: ['RECEIVED', 'PROCESSING'] } },
    });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const syncSeconds = (Date.now() - syncStart) / 1000;
  const peak = rss.stop();
  const stored = await db.importBatch.aggregate({
    where: { id: { in: run.batchIds } },
    _sum: { rowsStored: true, rowsSuspect: true },
  });
  const syncRate = Math.round(rows / syncSeconds);
  const copyRate = Math.round(rows / copySeconds);
  log(
    `sync: ${result.status}, ${run.rowsRead.toLocaleString()} rows read in ${runSeconds.toFixed(1)} s, imported in ${syncSeconds.toFixed(1)} s`,
  );
  log(
    `sync: ${syncRate.toLocaleString()} rows/s end to end (${(syncRate / copyRate).toFixed(3)}× COPY), worker peak RSS ${Math.round(peak)} MB`,
  );

  let commit = '';
  try {
    commit = execSync('git rev-parse --short HEAD').toString().trim();
  } catch {
    commit = '?';
  }
  appendFileSync(
    new URL('./results.md', import.meta.url),
    [
      '',
      '# Exchange: database-to-database incremental sync',
      '',
      'Written by `npm run bench -- exchange` (test/bench/exchange-sync.ts).',
      '',
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 3)} GiB (shared with other work at the time)`,
      `- commit: ${commit}`,
      `- rows: ${rows.toLocaleString()} in the front-end table, chunks of ${CHUNK.toLocaleString()} (one batch each)`,
      '',
      '| measure | rows/s | time | notes |',
      '| --- | --- | --- | --- |',
      `| baseline: plain COPY db → db | ${copyRate.toLocaleString()} | ${copySeconds.toFixed(1)} s | COPY (SELECT …) TO STDOUT piped into COPY FROM STDIN |`,
      `| sync: read + map + batches (run finished) | ${Math.round(rows / runSeconds).toLocaleString()} | ${runSeconds.toFixed(1)} s | ${run.batchIds.length} batches, status ${result.status} |`,
      `| sync end to end (every batch imported) | ${syncRate.toLocaleString()} | ${syncSeconds.toFixed(1)} s | ${(syncRate / copyRate).toFixed(3)}× COPY; stored ${stored._sum.rowsStored ?? 0}, suspect ${stored._sum.rowsSuspect ?? 0}; worker peak RSS ${Math.round(peak)} MB |`,
      '',
    ].join('\n'),
  );
} finally {
  await db.$disconnect().catch(() => {});
  await stack.stop();
}
