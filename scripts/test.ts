// `npm test [-- unit|integration|e2e …]`: runs the test tiers with vitest and ends with one plain line,
// `N passed, N failed[, N skipped]`, over all tiers. Unit tests need nothing; integration and e2e tests share one
// stack (fresh PostgreSQL and Temporal, migrated and seeded, with the worker and the built app), passed to them
// in the environment.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runShutdown } from './dev/processes';
import { ROOT, startStack, type Stack } from './dev/stack';
import { which } from './dev/temporal';

type Tier = 'unit' | 'integration' | 'e2e';
const TIERS: Tier[] = ['unit', 'integration', 'e2e'];

interface TierResult {
  tier: Tier;
  passed: number;
  failed: number;
  skipped: number;
  /** Why the tier did not run (or did not run properly); undefined when it ran. */
  problem?: string;
  /** A tier that was skipped on purpose does not fail the run. */
  failsRun: boolean;
}

const log = (line: string) => console.log(`[test] ${line}`);
const resultsDir = join(ROOT, 'test-results');
const ci = process.env.CI === 'true' || process.env.CI === '1';

// Arguments are tiers, or test files (`npm test -- test/integration/x.test.ts`): a file runs its own tier only.
const args = process.argv.slice(2).filter((a) => a !== '--');
const files = args.filter((a) => !TIERS.includes(a as Tier));
const unknown = files.filter((f) => !existsSync(join(ROOT, f)) || !tierOf(f));
if (unknown.length > 0) {
  console.error(`unknown tier(s) or test file(s): ${unknown.join(', ')} (tiers: ${TIERS.join(', ')})`);
  process.exit(2);
}
const requested = [...args.filter((a) => TIERS.includes(a as Tier)), ...files.map((f) => tierOf(f)!)];
const tiers = requested.length > 0 ? TIERS.filter((t) => requested.includes(t)) : TIERS;
const filesOf = (tier: Tier) => files.filter((f) => tierOf(f) === tier);
mkdirSync(resultsDir, { recursive: true });

const results: TierResult[] = [];
if (tiers.includes('unit')) results.push(await runTier('unit', process.env));

const stackTiers = tiers.filter((t) => t !== 'unit');
if (stackTiers.length > 0) results.push(...(await runStackTiers(stackTiers)));

printSummary(results.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)));
process.exit(results.some((r) => r.failed > 0 || (r.problem && r.failsRun)) ? 1 : 0);

async function runStackTiers(wanted: Tier[]): Promise<TierResult[]> {
  const out: TierResult[] = [];
  let toRun = wanted.filter((tier) => {
    if (hasTestFiles(tier)) return true;
    out.push({ tier, passed: 0, failed: 0, skipped: 0, problem: 'no test files', failsRun: false });
    return false;
  });

  const chromium = findChromium();
  if (toRun.includes('e2e') && !chromium) {
    toRun = toRun.filter((t) => t !== 'e2e');
    const problem = 'no Chromium (set CHROMIUM_PATH or `apt-get install -y chromium`)';
    if (ci) {
      console.error(`\n[test] ERROR: e2e tests cannot run: ${problem}\n`);
      out.push({ tier: 'e2e', passed: 0, failed: 0, skipped: 0, problem, failsRun: true });
    } else {
      console.error(`\n${'!'.repeat(72)}\n!! WARNING: skipping the e2e tier: ${problem}\n${'!'.repeat(72)}\n`);
      out.push({ tier: 'e2e', passed: 0, failed: 0, skipped: 0, problem, failsRun: false });
    }
  }
  if (toRun.length === 0) return out;

  let stack: Stack;
  const started = Date.now();
  const logDir = join(resultsDir, 'stack');
  rmSync(logDir, { recursive: true, force: true });
  log('starting the stack (PostgreSQL, Temporal, worker, app)…');
  try {
    // The app is built before the integration tier so that both tiers share this one stack.
    // TEST_APP=0 skips the app (and its build) for a run of test files that make no HTTP request.
    stack = await startStack({ withApp: process.env.TEST_APP !== '0', log, logDir });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`\n[test] ERROR: the stack did not start: ${message}\n`);
    await runShutdown();
    return [
      ...out,
      ...toRun.map((tier) => ({
        tier,
        passed: 0,
        failed: 0,
        skipped: 0,
        problem: 'stack did not start',
        failsRun: true,
      })),
    ];
  }
  log(`stack ready in ${Math.round((Date.now() - started) / 1000)} s (service logs: ${stack.logDir})`);
  try {
    const env = { ...process.env, ...stack.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
    for (const tier of toRun) out.push(await runTier(tier, env));
  } finally {
    log('stopping the stack…');
    await stack.stop();
  }
  return out;
}

function tierOf(file: string): Tier | undefined {
  return TIERS.find((t) => file.replace(/^\.\//, '').startsWith(`test/${t}/`));
}

function hasTestFiles(tier: Tier): boolean {
  const walk = (dir: string): boolean =>
    existsSync(dir) &&
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.ts'),
    );
  return walk(join(ROOT, 'test', tier));
}

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return which('chromium');
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; message?: string; assertionResults: { status: string }[] }[];
}

async function runTier(tier: Tier, env: NodeJS.ProcessEnv): Promise<TierResult> {
  console.log(`\n[test] ── ${tier} tests ──`);
  const report = join(resultsDir, `vitest-${tier}.json`);
  rmSync(report, { force: true });
  const vitest = join(ROOT, 'node_modules', '.bin', 'vitest');
  const vitestArgs = ['run', '--project', tier, '--reporter=default', '--reporter=json', `--outputFile=${report}`];
  vitestArgs.push(...filesOf(tier));
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(vitest, vitestArgs, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', () => resolve(null));
    child.on('exit', (c) => resolve(c));
  });
  if (!existsSync(report)) {
    return {
      tier,
      passed: 0,
      failed: 0,
      skipped: 0,
      problem: `vitest exited with ${code} and wrote no report`,
      failsRun: true,
    };
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  // A file that fails before its tests run (an import error, a failing beforeAll) has no failed test: count it.
  const brokenFiles = json.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  const result: TierResult = {
    tier,
    passed: json.numPassedTests,
    failed: json.numFailedTests + brokenFiles,
    skipped: json.numPendingTests + json.numTodoTests,
    failsRun: true,
  };
  if (code !== 0 && result.failed === 0) result.problem = `vitest exited with ${code}`;
  return result;
}

function printSummary(all: TierResult[]): void {
  console.log('\n[test] summary');
  for (const r of all) {
    const counts = `passed ${r.passed}, failed ${r.failed}, skipped ${r.skipped}`;
    console.log(`  - ${r.tier.padEnd(12)} ${r.problem ? `${r.problem}${r.failsRun ? ' (FAILED)' : ''}` : counts}`);
  }
  const passed = sum(all, 'passed');
  const failed = sum(all, 'failed') + all.filter((r) => r.problem && r.failsRun && r.failed === 0).length;
  const skipped = sum(all, 'skipped');
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
}

function sum(all: TierResult[], key: 'passed' | 'failed' | 'skipped'): number {
  return all.reduce((n, r) => n + r[key], 0);
}
