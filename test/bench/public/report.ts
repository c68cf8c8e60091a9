// Writes the "Public query" section of test/bench/results.md (replacing the previous one, keeping the rest).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commit, machine } from '../report';
import type { AppOutcome } from './app-load';
import type { GenerationFigures } from './database';
import type { LoadFigures } from './measure';

export interface QueryResult {
  key: string;
  label: string;
  goalP95: number;
  direct?: LoadFigures;
  directError?: string;
  app?: AppOutcome;
}

export interface PublicBenchReport {
  generation: GenerationFigures;
  built: boolean;
  searchIndexSeconds: number;
  connections: number;
  seconds: number;
  results: QueryResult[];
  guard: { oneAddress: LoadFigures; manyAddresses: LoadFigures; app?: AppOutcome };
  appPeakRssMb?: number;
  appNote?: string;
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lat = (f: LoadFigures) => `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}`;

export function writePublicResults(r: PublicBenchReport): string {
  const path = fileURLToPath(new URL('../results.md', import.meta.url));
  const g = r.generation;
  const lines = [
    '',
    '## Public query (`npm run bench -- public`, test/bench/public)',
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machine()}`,
    `- commit: ${commit()}`,
    `- data: ${fmt(g.orgs)} organisations, ${fmt(g.records)} published records (行政许可 65%, 行政处罚 35%, decisions over 5 years), in ~/.cache/xinyong-wuzhi/bench-public`,
    `- generation (${r.built ? 'this run' : `cached, built ${g.builtAt}`}): migrations and seed ${g.seconds.migrateAndSeed.toFixed(0)} s, ` +
      `COPY organisations ${g.seconds.copySubjects.toFixed(0)} s, COPY records ${g.seconds.copyRecords.toFixed(0)} s, ` +
      `the migrations' indexes and keys rebuilt ${g.seconds.indexes.toFixed(0)} s; total ${(g.seconds.total / 60).toFixed(1)} min` +
      (r.searchIndexSeconds
        ? `; the search migration (20261203121246_public_search: SubjectNameGram back-filled in bulk, test/bench/public/search-migration.ts) applied this run in ${r.searchIndexSeconds.toFixed(0)} s`
        : ''),
    `- load: ${r.connections} connections for ${r.seconds} s each; app through autocannon on loopback, baseline the same SQL with pg (${r.connections} clients) in the same run; the app runs with PUBLIC_RATE_LIMIT_PER_MINUTE=0 and PUBLIC_CAPTCHA_AFTER=0 (the guard's statement is measured apart below)`,
    ...(r.appPeakRssMb ? [`- app peak RSS during its load: ${r.appPeakRssMb.toFixed(0)} MB`] : []),
    ...(r.appNote ? [`- app: ${r.appNote}`] : []),
    '',
    '| query | app req/s | app p50 / p95 / p99 ms | direct req/s | direct p50 / p95 / p99 ms | app / direct | p95 goal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const q of r.results) {
    const d = q.direct;
    const a = q.app?.available ? q.app.figures : undefined;
    const appCells = a
      ? [fmt(a.rps) + (a.errors ? ` (${a.errors} errors)` : ''), lat(a)]
      : [q.app ? (q.app.available ? '' : q.app.why) : 'not run', ''];
    const directCells = d
      ? [fmt(d.rps) + (d.errors ? ` (${d.errors} errors)` : ''), lat(d)]
      : [q.directError ?? '–', ''];
    const ratio = a && d ? `${(a.rps / d.rps).toFixed(2)}×` : '–';
    const goal = `≤ ${q.goalP95} ms${a ? (a.p95 <= q.goalP95 ? ': met' : ': NOT met') : d ? ` (direct ${d.p95 <= q.goalP95 ? 'within' : 'over'})` : ''}`;
    lines.push(`| ${q.label} | ${[...appCells, ...directCells, ratio, goal].join(' | ')} |`);
  }
  const gd = r.guard;
  lines.push(
    '',
    "The guard's cost (lib/public/guard.ts: one upsert-and-read per public query, lib/public/guard-sql.ts), directly:",
    '',
    '| guard statement | req/s | p50 / p95 / p99 ms |',
    '| --- | --- | --- |',
    `| ${r.connections} clients, one address (the worst case: one row) | ${fmt(gd.oneAddress.rps)} | ${lat(gd.oneAddress)} |`,
    `| ${r.connections} clients, a new address each time | ${fmt(gd.manyAddresses.rps)} | ${lat(gd.manyAddresses)} |`,
    ...(gd.app?.available
      ? [
          `| over HTTP: GET /api/public/admission with the limits off (no statement: Next's own per-request floor) | ${fmt(gd.app.figures.rps)} | ${lat(gd.app.figures)} |`,
        ]
      : []),
    '',
  );
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const head = old.replace(/\n## Public query[\s\S]*$/, '').replace(/\n+$/, '\n');
  writeFileSync(path, head + lines.join('\n'));
  return path;
}
