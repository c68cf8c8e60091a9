// Writes the benchmark's figures to test/bench/results.md (overwritten each run) with the date, the machine
// and the commit they were measured on, each import as a ratio against its baseline from the same run.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Timing } from './baselines';
import { ceilingRowsPerSecond, type Floor } from './floor';
import type { ImportRun } from './import-run';

export interface FormatResult {
  format: 'xlsx' | 'csv';
  baseline: Timing;
  floor?: Floor;
  run?: ImportRun;
  /** Why the file was not imported (e.g. the format is not accepted yet). */
  refused?: string;
}

const GOALS = { xlsxRatio: 0.8, csvRowsPerSecond: 50_000, peakRssMb: 600 };

export function writeResults(input: { rows: number; results: FormatResult[]; readers?: unknown }): string {
  const path = fileURLToPath(new URL('./results.md', import.meta.url));
  const rate = (n: number, ms: number) => n / (ms / 1000);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = [
    '# Import benchmark',
    '',
    `Written by \`npm run bench${input.rows === 1_000_000 ? '' : ` -- --rows ${input.rows}`}\` (test/bench/run.ts).`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${machine()}`,
    `- commit: ${commit()}`,
    `- rows per file: ${fmt(input.rows)} (about 2% faulty in five kinds, 0.2% exact and 0.1% changed repeats)`,
    '',
    '| file | baseline: raw streaming parse | import, end to end | ratio to baseline | import activity (start to last commit) | worker peak RSS | stored | updated | duplicate | suspect | goal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of input.results) {
    const base = rate(r.baseline.rows, r.baseline.ms);
    const baseCell = `${fmt(base)} rows/s (${(r.baseline.ms / 1000).toFixed(1)} s)`;
    if (!r.run) {
      lines.push(`| ${r.format} | ${baseCell} | not imported: ${r.refused ?? '?'} | | | | | | | | |`);
      continue;
    }
    const run = r.run;
    const total = rate(run.rows, run.totalMs);
    const ratio = total / base;
    const goal =
      r.format === 'xlsx'
        ? `≥ ${GOALS.xlsxRatio}× baseline: ${ratio >= GOALS.xlsxRatio ? 'met' : 'NOT met'}`
        : `≥ ${fmt(GOALS.csvRowsPerSecond)} rows/s: ${total >= GOALS.csvRowsPerSecond ? 'met' : 'NOT met'}`;
    const rss =
      `${run.peakRssMb.toFixed(0)} MB (${run.peakRssMb < GOALS.peakRssMb ? '<' : '≥'} ${GOALS.peakRssMb}; ` +
      `${run.startRssMb.toFixed(0)} MB before the upload)`;
    lines.push(
      `| ${r.format}${run.status === 'FAILED' ? ` (FAILED: ${run.error})` : ''} | ${baseCell} | ` +
        `${fmt(total)} rows/s (${(run.totalMs / 1000).toFixed(1)} s) | ${ratio.toFixed(2)}× | ` +
        `${fmt(rate(run.rows, run.importMs))} rows/s | ${rss} | ${fmt(run.stored)} | ${fmt(run.updated)} | ` +
        `${fmt(run.duplicate)} | ${fmt(run.suspect)} | ${goal} |`,
    );
  }
  lines.push('', ...cpuTable(input.results), '', ...ceilingTable(input.results));
  lines.push(
    '',
    'End to end is the upload through the service layer (hashing and storing the file), the import workflow on the',
    "real worker and its import activity, until the batch's status shows the import is over. The baseline parses",
    'the same file in the same run with the bare streaming parser (exceljs, csv-parse) and does nothing with the rows;',
    'it runs before and after the import, and the faster of the two is the baseline.',
    'Peak RSS is that of the worker process during the import (VmHWM reset before, VmRSS sampled every 100 ms).',
    '',
    'The write path (lib/import): one transaction per chunk (up to 5,000 rows) together with the resume cursor;',
    'new records by COPY FROM STDIN; existing natural keys and subjects looked up once per chunk; revisions,',
    'updates of changed repeats and suspect items one INSERT/UPDATE … unnest each. Parsing and checking overlap',
    'with the database: the import runs on a thread of its own with a bounded heap, its checks on another thread',
    "where more than two cores are available, else on the import's thread between the database's replies.",
    'An xlsx sheet is read by lib/import/readers/xml-scan.ts, the smaller parts by saxes.',
    '',
  );
  if (input.readers !== undefined) {
    lines.push('## Readers (test/bench/readers.bench.ts)', '');
    lines.push(
      typeof input.readers === 'string'
        ? input.readers
        : '```json\n' + JSON.stringify(input.readers, null, 2) + '\n```',
    );
    lines.push('');
  }
  // The public-query benchmark's section (test/bench/public/report.ts) is written by its own run: kept as it is.
  const kept = existsSync(path) ? /\n## Public query[\s\S]*$/.exec(readFileSync(path, 'utf8'))?.[0] : undefined;
  writeFileSync(path, lines.join('\n') + (kept ?? ''));
  return path;
}

// Where the machine's CPU went during each import, per row: on a small machine every service shares the same
// cores, so this, not any one stage's speed, bounds the import.
function cpuTable(results: FormatResult[]): string[] {
  const runs = results.filter((r): r is FormatResult & { run: ImportRun } => !!r.run);
  if (!runs.length) return [];
  const services = ['worker', 'postgres', 'temporal', 'bench'] as const;
  const lines = [
    `CPU per imported row, all processes of each service (µs; ${os.cpus().length} cores give ` +
      `${os.cpus().length * 1_000_000} µs per second of wall time):`,
    '',
    `| file | ${services.join(' | ')} | total | cores busy |`,
    `| --- | ${services.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const { format, run } of runs) {
    const us = (s: number) => ((s * 1e6) / Math.max(1, run.rows)).toFixed(0);
    const total = services.reduce((sum, k) => sum + (run.cpu[k] ?? 0), 0);
    lines.push(
      `| ${format} | ${services.map((k) => us(run.cpu[k] ?? 0)).join(' | ')} | ${us(total)} | ` +
        `${(total / (run.totalMs / 1000)).toFixed(2)} |`,
    );
  }
  lines.push('', "The import's stages, from the worker's log (the stage the others wait for holds the import up):", '');
  for (const { format, run } of runs) lines.push(`- ${format}: ${run.stages ?? 'not in the log'}`);
  return lines;
}

// The least CPU a row can cost (floor.ts) and the most rows per second that leaves on this machine's cores: no
// import design can go faster, so where the ceiling is below a goal, the goal is out of this machine's reach.
function ceilingTable(results: FormatResult[]): string[] {
  const measured = results.filter((r): r is FormatResult & { floor: Floor } => !!r.floor);
  if (!measured.length) return [];
  const cores = os.cpus().length;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = [
    `The ceiling: CPU per row that every import of the file must spend, measured in this run on one thread over ` +
      `its first rows (our reader; then the checks, keys and sealing of lib/import/prepare-row.ts), and the most ` +
      `rows per second that leaves on ${cores} cores used to the full with nothing else to do, first with a ` +
      `database that costs nothing, then with PostgreSQL's CPU per row from the import above:`,
    '',
    '| file | rows measured | reading | checks, keys, sealing | ceiling without a database | PostgreSQL | ceiling with it | goal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of measured) {
    const { floor } = r;
    const own = floor.readUs + floor.prepareUs;
    const pgUs = r.run ? ((r.run.cpu.postgres ?? 0) * 1e6) / Math.max(1, r.run.rows) : undefined;
    const goal =
      r.format === 'xlsx' ? GOALS.xlsxRatio * (r.baseline.rows / (r.baseline.ms / 1000)) : GOALS.csvRowsPerSecond;
    lines.push(
      `| ${r.format} | ${fmt(floor.rows)} | ${floor.readUs.toFixed(1)} µs | ${floor.prepareUs.toFixed(1)} µs | ` +
        `${fmt(ceilingRowsPerSecond(own, cores))} rows/s | ${pgUs === undefined ? '–' : `${pgUs.toFixed(1)} µs`} | ` +
        `${pgUs === undefined ? '–' : `${fmt(ceilingRowsPerSecond(own + pgUs, cores))} rows/s`} | ${fmt(goal)} rows/s |`,
    );
  }
  return lines;
}

export function machine(): string {
  const cpus = os.cpus();
  const mem = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${mem} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

export function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' with uncommitted changes' : '';
    return `${sha}${dirty}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
