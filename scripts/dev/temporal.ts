// The Temporal dev server (part of the Temporal CLI) for development and tests. No Temporal server is published on
// npm or Debian, so the CLI is found or built once and cached outside the checkout (docs/operations.md, Platform notes).
import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { describeExit, freePort, sleep, spawnService, stopService, type Log, type Service } from './processes';

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const CACHE_DIR = join(homedir(), '.cache', 'xinyong-wuzhi');
export const CACHED_CLI = join(CACHE_DIR, `temporal-${TEMPORAL_CLI_VERSION}`);
const GOBIN = join(CACHE_DIR, 'gobin');

export interface FindCliOptions {
  /** Show go's own output while building. */
  verbose?: boolean;
}

/**
 * Path of a Temporal CLI: $TEMPORAL_CLI, else `temporal` on PATH, else the cached build, else a fresh build with
 * Go (v1.5.1 is the newest release `go install …@version` accepts), else the download of @temporalio/testing
 * (which needs internet access).
 */
export async function findOrBuildTemporalCli(log: Log, opts: FindCliOptions = {}): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  if (isExecutable(CACHED_CLI)) return CACHED_CLI;
  // A build left in GOBIN by hand or by an interrupted run: copy it, in case something else still uses that path.
  if (isExecutable(join(GOBIN, 'temporal'))) return adoptGoBuild(copyFileSync);
  if (which('go')) {
    await buildWithGo(log, opts.verbose ?? false);
    return adoptGoBuild(renameSync);
  }
  return downloadWithTestingPackage(log);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

// `go install` names its output after the package (`temporal`): give it a versioned name so a later version
// can be cached beside it. Through a temporary name, so a concurrent reader never sees half a binary.
function adoptGoBuild(transfer: (from: string, to: string) => void): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  transfer(join(GOBIN, 'temporal'), `${CACHED_CLI}.tmp`);
  renameSync(`${CACHED_CLI}.tmp`, CACHED_CLI);
  return CACHED_CLI;
}

async function buildWithGo(log: Log, verbose: boolean): Promise<void> {
  mkdirSync(GOBIN, { recursive: true });
  const started = Date.now();
  process.stdout.write('building the Temporal CLI (first run only, takes a few minutes)…');
  const dots = verbose ? undefined : setInterval(() => process.stdout.write('.'), 5_000);
  const output: string[] = [];
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const args = [
        'install',
        ...(verbose ? ['-v'] : []),
        `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
      ];
      const child = spawn('go', args, { env: { ...process.env, GOBIN }, stdio: ['ignore', 'pipe', 'pipe'] });
      const collect = (chunk: Buffer) => {
        output.push(chunk.toString());
        if (verbose) process.stdout.write(chunk);
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', reject);
      child.on('exit', resolve);
    });
    process.stdout.write('\n');
    if (code !== 0) throw new Error(`go install of the Temporal CLI failed (exit ${code}):\n${output.join('')}`);
    log(`built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    if (dots) clearInterval(dots);
  }
}

/**
 * Without Go: @temporalio/testing's createLocal() downloads the CLI (from Temporal's download site) into a directory
 * we choose, named temporal-v<version>; it has no public call that only downloads, so we start the server it brings
 * and stop it again at once, then keep the binary.
 */
async function downloadWithTestingPackage(log: Log): Promise<string> {
  log(`no Go toolchain: downloading the Temporal CLI v${TEMPORAL_CLI_VERSION} through @temporalio/testing`);
  const downloadDir = join(CACHE_DIR, 'download');
  mkdirSync(downloadDir, { recursive: true });
  let testing: typeof import('@temporalio/testing');
  try {
    testing = await import('@temporalio/testing');
  } catch {
    throw new Error('no Temporal CLI found, no Go toolchain to build one, and @temporalio/testing is not installed');
  }
  try {
    const env = await testing.TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', version: `v${TEMPORAL_CLI_VERSION}`, downloadDir, ttl: '3650d' },
      },
    });
    await env.teardown();
  } catch (err) {
    throw new Error(
      `could not download the Temporal CLI (${err instanceof Error ? err.message : String(err)}). ` +
        `Install Go ≥ 1.25 so it can be built, or set TEMPORAL_CLI to a temporal binary.`,
    );
  }
  const downloaded = join(downloadDir, `temporal-v${TEMPORAL_CLI_VERSION}`);
  if (!existsSync(downloaded)) throw new Error(`the Temporal CLI download did not produce ${downloaded}`);
  copyFileSync(downloaded, `${CACHED_CLI}.tmp`);
  renameSync(`${CACHED_CLI}.tmp`, CACHED_CLI);
  rmSync(downloadDir, { recursive: true, force: true });
  return CACHED_CLI;
}

export interface StartTemporalOptions {
  cli: string;
  /** Preferred gRPC port (another free one if taken); random when omitted. */
  port?: number;
  /** Preferred web UI port; ignored when headless. */
  uiPort?: number;
  /** SQLite file so workflows survive restarts; in memory when omitted. */
  dbFile?: string;
  headless?: boolean;
  log?: Log;
  echo?: boolean;
  logFile?: string;
  extraArgs?: string[];
}

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
  /** The server process, e.g. to notice when it dies. */
  service: Service;
  stop(): Promise<void>;
}

/** The dev server's command line: loopback only, namespace `default`, headless unless a UI port is given. */
export function devServerArgs(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  extraArgs?: string[];
}): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    // The version check calls Temporal's servers, which our machines cannot reach.
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    ...(opts.dbFile ? ['--db-filename', opts.dbFile] : []),
    ...(opts.uiPort ? ['--ui-port', String(opts.uiPort)] : ['--headless']),
    ...(opts.extraArgs ?? []),
  ];
}

export async function startTemporalDevServer(opts: StartTemporalOptions): Promise<TemporalDevServer> {
  const log = opts.log ?? (() => {});
  const port = await freePort(opts.port);
  if (opts.port && port !== opts.port) log(`port ${opts.port} is taken: Temporal uses ${port}`);
  const uiPort = opts.headless ? undefined : await freePort(opts.uiPort ?? port + 1000);
  const args = devServerArgs({ port, uiPort, dbFile: opts.dbFile, extraArgs: opts.extraArgs });
  const service = spawnService('temporal', opts.cli, args, { echo: opts.echo ?? false, logFile: opts.logFile });
  const stop = () => stopService(service, { timeoutMs: 15_000 });
  const address = `127.0.0.1:${port}`;
  try {
    await waitForTemporal(address, () => (service.exitInfo ? describeExit(service) : undefined), 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined, pid: service.pid, service, stop };
}

/** Waits until the frontend answers and the `default` namespace exists. */
export async function waitForTemporal(
  address: string,
  diedHow: () => string | undefined,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const died = diedHow();
    if (died) throw new Error(`the Temporal dev server did not start: ${died}`);
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await connection?.close().catch(() => {});
    }
    if (Date.now() > deadline) {
      throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000} s: ${lastError}`);
    }
    await sleep(300);
  }
}
