// `npm run bench [-- --rows 100000] [--only xlsx|csv] [--profile]`: the import at full size (R-2.1, R-9.1). Generates (once,
// cached in .data/bench/) a 行政处罚 xlsx and CSV, brings up a private stack, and for each file measures the raw
// streaming parse (the baseline) and then the import through the real workflow and worker, with the worker's
// peak RSS. Figures go to the console and to test/bench/results.md.
// `npm run bench -- public …` runs the public query benchmark instead (test/bench/public/run.ts).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack, type Stack } from '../../scripts/dev/stack';
import { rawCsvParse, rawXlsxParse, type Timing } from './baselines';
import { ensureBenchFiles } from './data';
import { measureFloor, type Floor } from './floor';
import type { ImportRun } from './import-run';
import { writeResults, type FormatResult } from './report';

// `npm run bench -- exchange`: the exchange platform's own benchmark (test/bench/exchange-sync.ts).
if (process.argv.slice(2).includes('exchange')) {
  await import('./exchange-sync');
  process.exit(0);
}

const log = (line: string) => console.log(`[bench] ${line}`);

const args = process.argv.slice(2).filter((a) => a !== '--');
// `npm run bench -- public …`: the public query benchmark (test/bench/public/run.ts) instead of the import.
if (args[0] === 'public') {
  const { benchPublic } = await import('./public/run');
  await benchPublic(args.slice(1));
  process.exit(0);
}
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const rows = Number(option('rows') ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 100) throw new Error('--rows must be an integer ≥ 100');
const only = option('only');
const formats = (['xlsx', 'csv'] as const).filter((f) => !only || f === only);

const files = await ensureBenchFiles(rows, log);
// A million-row CSV is larger than the upload limit meant for people; the bench raises it for its own uploads.
process.env.UPLOAD_MAX_BYTES ??= String(4 * 1024 ** 3);

log('starting a private stack (PostgreSQL, Temporal, worker)…');
const logDir = join(process.cwd(), '.data', 'bench', 'logs');
rmSync(logDir, { recursive: true, force: true });
const stack: Stack = await startStack({ withApp: false, log: (l) => log(`stack: ${l}`), logDir });
// The bench process uploads through the service layer, as the upload route does: it needs the stack's settings.
Object.assign(process.env, stack.env);
const { importThroughWorkflow } = await import('./import-run');
if (args.includes('--profile')) {
  // A CPU profile of the worker's main thread (written when it stops). The import itself runs on threads: to
  // profile it, run processBatchFile(db, id, onProgress, { threads: 0 }) in a process started with --cpu-prof.
  const dir = join(process.cwd(), '.data', 'bench', 'profiles');
  log(`restarting the worker with --cpu-prof (profiles in ${dir})`);
  await stack.stopWorker();
  const since = Date.now();
  const preload = fileURLToPath(new URL('./cpu-profile.cjs', import.meta.url));
  stack.startWorker({ NODE_OPTIONS: `--require ${preload}`, BENCH_CPU_PROFILE_DIR: dir });
  await stack.waitForWorker(since);
}
const { db } = await import('../../lib/db');
const { loadCatalogDef } = await import('../../lib/catalog/load');

const results: FormatResult[] = [];
let readers: unknown;
try {
  const timeoutMs = Math.max(600_000, rows * 5);
  for (const format of formats) {
    const path = files[format];
    // The raw parse moves by up to 15% between runs on this machine: it runs before and after the import, and the
    // faster run is the baseline (the stricter one for the ratio).
    const parse = async (when: string): Promise<Timing> => {
      log(`${format}: raw streaming parse (baseline, ${when})…`);
      const t = format === 'xlsx' ? await rawXlsxParse(path) : await rawCsvParse(path);
      log(`${format}: raw parse ${rate(t.rows, t.ms)} rows/s (${(t.ms / 1000).toFixed(1)} s)`);
      return t;
    };
    const before = await parse('before the import');
    log(`${format}: the floor: reading, and checking, hashing and sealing, with no database…`);
    const floor: Floor = await measureFloor(path, format, await penaltyDef());
    log(
      `${format}: floor ${floor.readUs.toFixed(1)} µs/row reading + ${floor.prepareUs.toFixed(1)} µs/row checks (${floor.rows} rows)`,
    );
    log(`${format}: import through the workflow…`);
    let run: ImportRun | undefined;
    let refused: string | undefined;
    try {
      run = await importThroughWorkflow(stack, path, timeoutMs);
    } catch (err) {
      refused = err instanceof Error ? err.message : String(err);
    }
    const after = await parse('after the import');
    const baseline = after.ms / after.rows < before.ms / before.rows ? after : before;
    if (run) {
      log(
        `${format}: ${run.status}${run.error ? ` (${run.error})` : ''}, ${run.rows} rows in ${(run.totalMs / 1000).toFixed(1)} s ` +
          `= ${rate(run.rows, run.totalMs)} rows/s (${(rate(run.rows, run.totalMs) / rate(baseline.rows, baseline.ms)).toFixed(2)}× baseline; ` +
          `import activity ${rate(run.rows, run.importMs)} rows/s; upload ${(run.uploadMs / 1000).toFixed(1)} s, ` +
          `after the last commit ${(run.tailMs / 1000).toFixed(1)} s), ` +
          `worker peak RSS ${run.peakRssMb.toFixed(0)} MB (${run.startRssMb.toFixed(0)} MB before); stored ${run.stored}, updated ${run.updated}, ` +
          `duplicate ${run.duplicate}, suspect ${run.suspect}; CPU s ${JSON.stringify(run.cpu)}`,
      );
    } else log(`${format}: not imported: ${refused}`);
    results.push({ format, baseline, floor, run, refused });
  }
  readers = await benchReadersIfPresent();
} finally {
  await db.$disconnect();
  await stack.stop();
}

const out = writeResults({ rows, results, readers });
log(`figures written to ${out}; service logs in ${logDir}`);

// The catalog version the bench's uploads are checked against (the seeded 行政处罚 catalog).
async function penaltyDef() {
  const version = await db.catalogVersion.findFirstOrThrow({
    where: { catalog: { code: 'ADMIN_PENALTY' }, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  });
  return loadCatalogDef(db, version.id);
}

function rate(n: number, ms: number): number {
  return Math.round(n / (ms / 1000));
}

// test/bench/readers.bench.ts (the per-format readers, written separately) is run when it exists.
async function benchReadersIfPresent(): Promise<unknown> {
  const path = fileURLToPath(new URL('./readers.bench.ts', import.meta.url));
  if (!existsSync(path)) return undefined;
  log('readers: benchReaders()…');
  try {
    const mod = (await import(path)) as { benchReaders?: (opts: unknown) => unknown };
    if (typeof mod.benchReaders !== 'function') return 'readers.bench.ts exports no benchReaders()';
    return await mod.benchReaders({ rows: Math.min(rows, 100_000) });
  } catch (err) {
    return `benchReaders() failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}
