// Building and serving the Next.js app for `npm start` and the test stack.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeExit, runToCompletion, sleep, spawnService, stopService, type Log, type Service } from './processes';

// What the built app depends on (scripts/, this orchestration included, is never imported by the app).
const SOURCES = [
  'app',
  'lib',
  'workflows',
  'public',
  'next.config.js',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
  'postcss.config.js',
  'proxy.ts',
  'middleware.ts',
  'auth.ts',
];

/** Why the app must be (re)built, or undefined when .next/BUILD_ID is newer than every source file. */
export function staleBuildReason(root: string): string | undefined {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no build yet';
  const builtAt = statSync(buildId).mtimeMs;
  for (const source of SOURCES) {
    const newer = findNewer(root, source, builtAt);
    if (newer) return `${newer} changed since the last build`;
  }
  return undefined;
}

function findNewer(root: string, rel: string, than: number): string | undefined {
  const path = join(root, rel);
  let st;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (!st.isDirectory()) return st.mtimeMs > than ? rel : undefined;
  // A deleted file shows only as a newer directory mtime.
  if (st.mtimeMs > than) return rel;
  for (const entry of readdirSync(path)) {
    const found = findNewer(root, join(rel, entry), than);
    if (found) return found;
  }
  return undefined;
}

export interface AppOptions {
  root: string;
  env: NodeJS.ProcessEnv;
  log: Log;
  echo: boolean;
  logDir: string;
}

export async function buildAppIfStale(opts: AppOptions): Promise<void> {
  const reason = staleBuildReason(opts.root);
  if (!reason) {
    opts.log('the app build is up to date');
    return;
  }
  opts.log(`building the app (${reason})…`);
  const started = Date.now();
  await runToCompletion('build', nextBin(opts.root), ['build'], {
    cwd: opts.root,
    env: opts.env,
    echo: opts.echo,
    logFile: join(opts.logDir, 'build.log'),
  });
  opts.log(`built the app in ${Math.round((Date.now() - started) / 1000)} s`);
}

export interface StartAppOptions extends AppOptions {
  port: number;
  url: string;
  /** Tests need a working login page; `npm start` is up as soon as the server answers at all. */
  requireLogin: boolean;
}

/**
 * The app's server entry (server/main.ts, as `npm run serve` starts it: not `next start`, which cannot tell the
 * app a request's client address) on the port; resolves once the server is ready (see requireLogin).
 */
export async function startApp(opts: StartAppOptions): Promise<Service> {
  const entry = join(opts.root, 'server', 'main.ts');
  const service = spawnService('app', join(opts.root, 'node_modules', '.bin', 'tsx'), [entry], {
    cwd: opts.root,
    env: { ...opts.env, NODE_ENV: 'production', PORT: String(opts.port) },
    echo: opts.echo,
    logFile: join(opts.logDir, 'app.log'),
  });
  try {
    await waitForLogin(opts.url, service, opts.requireLogin, 120_000);
    return service;
  } catch (err) {
    await stopService(service);
    throw err;
  }
}

async function waitForLogin(url: string, service: Service, requireLogin: boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (service.exitInfo) throw new Error(`the app did not start: ${describeExit(service)}`);
    try {
      const res = await fetch(`${url}/login`, { signal: AbortSignal.timeout(10_000) });
      await res.body?.cancel();
      if (res.status === 200 || (!requireLogin && res.status < 500)) return;
      last = `GET /login answered ${res.status}`;
      // A missing page stays missing: no point waiting for it. A 5xx may be a start-up hiccup.
      if (res.status < 500) throw new Error(`the app answered ${res.status} for GET ${url}/login`);
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline)
      throw new Error(`the app at ${url} was not ready within ${timeoutMs / 1000} s (${last})`);
    await sleep(500);
  }
}

function nextBin(root: string): string {
  return join(root, 'node_modules', '.bin', 'next');
}
