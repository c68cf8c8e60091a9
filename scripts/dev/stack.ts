// Brings up the whole platform: PostgreSQL, Temporal, migrations, seed, worker and (optionally) the app.
// `npm start` uses it with persistent data under .data; tests use it with a fresh temporary directory.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { Connection } from '@temporalio/client';
import { migrate } from '../../lib/db/migrate';
import { startMailSink } from '../../lib/mail/sink';
import { appLogin } from './app-role';
import { forgetService, recordService, stopLeftovers } from './leftovers';
import { buildAppIfStale, startApp } from './next-app';
import { startEmbeddedPostgres } from './postgres';
import {
  describeExit,
  freePort,
  onShutdown,
  runToCompletion,
  sleep,
  spawnService,
  stopService,
  type Log,
  type Service,
} from './processes';
import { writeLocalPlatform } from './local-platform';
import { ROOT } from './root';
import { loadOrCreateDevSecrets } from './secrets';
import { supervise, type Supervised } from './supervisor';
import { findOrBuildTemporalCli, startTemporalDevServer } from './temporal';

/**
 * The worker's threads (import, checks, workflow bundling) each get a glibc malloc arena, which keeps freed
 * memory; two arenas return it, about 60 MB less resident memory at rest (R-9.1's 600 MB budget). Also set by
 * `npm run worker`.
 */
const WORKER_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

export { ROOT };

export interface StackOptions {
  /** Where PostgreSQL, Temporal, secrets, files and logs live. Default: a fresh temporary directory. */
  dataDir?: string;
  withApp: boolean;
  log: Log;
  /**
   * `npm start`: keep data across runs (Temporal in SQLite with its web UI), prefer the usual ports, and use
   * DATABASE_URL / TEMPORAL_ADDRESS as they are. Otherwise (tests) a given DATABASE_URL only names the server:
   * a fresh database is created on it, and a given TEMPORAL_ADDRESS gets a fresh task queue.
   */
  persistent?: boolean;
  /**
   * Print the output of the seed, worker, build and app prefixed with their name (npm start); otherwise it goes
   * to log files only. PostgreSQL's and Temporal's go to log files always: their chatter hides what matters, and
   * their last lines are shown if they die.
   */
  echo?: boolean;
  /** Service log files; default <dataDir>/logs. */
  logDir?: string;
  /** Preferred app port (default 3000 when persistent, else random). */
  appPort?: number;
}

export interface Stack {
  /** The configuration every process of the platform (and every test) needs. */
  env: Record<string, string>;
  dataDir: string;
  logDir: string;
  appUrl?: string;
  temporalUiUrl?: string;
  readonly postgresPid: number | undefined;
  readonly temporalPid: number | undefined;
  readonly workerPid: number | undefined;
  readonly appPid: number | undefined;
  /** Starts another (supervised) worker, e.g. with other options; it is stopped with the stack. */
  startWorker(extraEnv?: Record<string, string>): ChildProcess;
  /** Resolves once a worker polls the task queue (one that started after `since`, ms epoch). */
  waitForWorker(since?: number): Promise<void>;
  stopWorker(): Promise<void>;
  /**
   * Resolves with a description when a service dies that nobody was stopping. A worker that dies is restarted
   * (./supervisor.ts); only one that keeps dying on start ends up here.
   */
  unexpectedExit: Promise<string>;
  stop(): Promise<void>;
}

const DEFAULT_TASK_QUEUE = 'xinyong'; // lib/env.ts's default

export async function startStack(opts: StackOptions): Promise<Stack> {
  const { log, persistent = false, withApp } = opts;
  const echo = opts.echo ?? false;
  const createdDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : mkdtempSync(join(tmpdir(), 'xinyong-stack-'));
  // The `postgres` OS user (we run as root) must be able to enter the directory to reach its cluster.
  if (createdDataDir) chmodSync(dataDir, 0o755);
  mkdirSync(dataDir, { recursive: true });
  const logDir = resolve(opts.logDir ?? join(dataDir, 'logs'));
  mkdirSync(logDir, { recursive: true });

  // Cleanups in the order things were started; stop() runs them backwards.
  const cleanups: { name: string; fn: () => Promise<void> }[] = [];
  let stopped = false;
  let reportUnexpected: (how: string) => void = () => {};
  const unexpectedExit = new Promise<string>((res) => (reportUnexpected = res));
  const watch = (service: Service) => {
    if (persistent) recordService(dataDir, service);
    void service.exited.then(() => {
      if (persistent) forgetService(dataDir, service.pid);
      if (stopped || service.stopping) return;
      const how = describeExit(service);
      // Tests kill services on purpose: a short line there, the full story for a person running `npm start`.
      log(`unexpected exit: ${persistent ? how : describeExit(service, { output: false })}`);
      reportUnexpected(how);
    });
  };

  // One stop for everyone: a Ctrl-C handler and the caller's own stop() must both wait for the same cleanup.
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopped = true;
      unregister();
      while (cleanups.length > 0) {
        const step = cleanups.pop();
        if (!step) break;
        try {
          await step.fn();
        } catch (err) {
          log(`stopping ${step.name} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (createdDataDir) rmSync(dataDir, { recursive: true, force: true });
    })());
  // Ctrl-C during bring-up stops whatever has started so far.
  const unregister = onShutdown(stop);

  let postgresPid: number | undefined;
  let temporalPid: number | undefined;
  let appPid: number | undefined;
  const workers: Supervised[] = [];
  const env: Record<string, string> = {};

  // The services' own login (./app-role.ts), where the stack made the database: its name, and whether to drop it.
  let serviceLogin: { name: string; drop: boolean } | undefined;

  try {
    if (persistent) await stopLeftovers(dataDir, log);

    // ── PostgreSQL
    if (process.env.DATABASE_URL && persistent) {
      env.DATABASE_URL = process.env.DATABASE_URL;
    } else if (process.env.DATABASE_URL) {
      const { url, drop } = await createTestDatabase(process.env.DATABASE_URL);
      const name = new URL(url).pathname.slice(1);
      env.DATABASE_URL = url;
      serviceLogin = { name: `${name}_web`, drop: true };
      cleanups.push({ name: 'test database', fn: drop });
      log(`using a fresh database on the given server: ${name}`);
    } else {
      const db = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'pg'),
        port: persistent ? 5432 : undefined,
        log,
        logFile: join(logDir, 'postgres.log'),
      });
      cleanups.push({ name: 'PostgreSQL', fn: db.stop });
      watch(db.service);
      postgresPid = db.pid;
      env.DATABASE_URL = db.url;
      serviceLogin = { name: 'xinyong_web', drop: false };
      log(`PostgreSQL is up on port ${db.port} (data in ${db.dataDir})`);
    }

    // ── Temporal
    let temporalUiUrl: string | undefined;
    env.TEMPORAL_NAMESPACE = process.env.TEMPORAL_NAMESPACE ?? 'default';
    if (process.env.TEMPORAL_ADDRESS) {
      env.TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS;
      // On a shared server a test stack gets its own queue, so another worker cannot take its tasks.
      env.TEMPORAL_TASK_QUEUE = persistent
        ? (process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE)
        : `xinyong-test-${randomBytes(4).toString('hex')}`;
    } else {
      const cli = await findOrBuildTemporalCli(log);
      const temporal = await startTemporalDevServer({
        cli,
        port: persistent ? 7233 : undefined,
        uiPort: persistent ? 8233 : undefined,
        headless: !persistent,
        dbFile: persistent ? join(dataDir, 'temporal.db') : undefined,
        log,
        logFile: join(logDir, 'temporal.log'),
      });
      cleanups.push({ name: 'Temporal', fn: temporal.stop });
      watch(temporal.service);
      temporalPid = temporal.pid;
      temporalUiUrl = temporal.uiUrl;
      env.TEMPORAL_ADDRESS = temporal.address;
      env.TEMPORAL_TASK_QUEUE = process.env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
      log(`Temporal is up at ${temporal.address}${temporal.uiUrl ? ` (web UI ${temporal.uiUrl})` : ''}`);
    }

    // ── configuration
    const secrets = loadOrCreateDevSecrets(dataDir);
    env.AUTH_SECRET = process.env.AUTH_SECRET ?? secrets.AUTH_SECRET;
    env.PII_ENC_KEY = process.env.PII_ENC_KEY ?? secrets.PII_ENC_KEY;
    env.PII_HMAC_KEY = process.env.PII_HMAC_KEY ?? secrets.PII_HMAC_KEY;
    env.SIGNING_KEY = process.env.SIGNING_KEY ?? secrets.SIGNING_KEY;
    env.FILE_STORE_DIR = resolve((persistent && process.env.FILE_STORE_DIR) || join(dataDir, 'files'));
    mkdirSync(env.FILE_STORE_DIR, { recursive: true });
    const appPort = withApp ? await freePort(opts.appPort ?? (persistent ? 3000 : undefined)) : undefined;
    const localUrl = appPort ? `http://localhost:${appPort}` : 'http://localhost:3000';
    env.APP_URL = (persistent && process.env.APP_URL) || localUrl;
    env.AUTH_URL = (persistent && process.env.AUTH_URL) || env.APP_URL;
    env.NEXT_TELEMETRY_DISABLED = '1';
    // ── mail: a configured server is used as it is; without one, a local sink on loopback keeps what is sent
    // (readable on /admin/mail and, for tests, as files in MAIL_SINK_DIR).
    if (process.env.SMTP_URL || process.env.SMTP_HOST) {
      if (process.env.SMTP_URL) env.SMTP_URL = process.env.SMTP_URL;
    } else {
      const sink = await startMailSink({
        dir: join(dataDir, 'mail'),
        port: persistent ? await freePort(2525) : undefined,
      });
      cleanups.push({ name: 'mail sink', fn: sink.stop });
      env.SMTP_URL = sink.url;
      env.MAIL_SINK_DIR = sink.dir;
      log(`no SMTP server configured: mail goes to the local sink ${sink.url} (kept in ${sink.dir})`);
    }
    // Every test signs in from the one loopback address, hundreds of times with deliberate failures: the
    // per-address throttle would refuse the suite itself. Its own test (security-login) sets its limits.
    if (!persistent) env.LOGIN_IP_MAX_FAILURES = process.env.LOGIN_IP_MAX_FAILURES ?? '0';
    // Likewise the public site's query limit and captcha (lib/public/guard.ts): the suite's browsers query from
    // one address far more than a person would. Their own test (public-protection) starts an app with limits.
    if (!persistent) {
      env.PUBLIC_RATE_LIMIT_PER_MINUTE = process.env.PUBLIC_RATE_LIMIT_PER_MINUTE ?? '0';
      env.PUBLIC_CAPTCHA_AFTER = process.env.PUBLIC_CAPTCHA_AFTER ?? '0';
    }
    const childEnv = { ...process.env, ...env };

    // ── schema and demo data
    const { applied } = await migrate(env.DATABASE_URL, { log, migrationsDir: join(ROOT, 'prisma', 'migrations') });
    log(applied.length ? `applied ${applied.length} migration(s)` : 'the database schema is up to date');
    // The seed, the worker and the app connect as a member of xinyong_app, as in production; the stack's own env
    // (for tests and tools) keeps the owner's connection, and backups, which read the migration table, too.
    const login = serviceLogin ? await appLogin(env.DATABASE_URL, serviceLogin.name, log) : null;
    if (login && serviceLogin?.drop) cleanups.push({ name: 'database login', fn: login.drop });
    const serviceEnv = login
      ? {
          ...childEnv,
          DATABASE_URL: login.url,
          BACKUP_DATABASE_URL: process.env.BACKUP_DATABASE_URL ?? env.DATABASE_URL,
        }
      : childEnv;
    const seed = join(ROOT, 'prisma', 'seed.ts');
    if (existsSync(seed)) {
      log('seeding…');
      await runToCompletion('seed', tsxBin(), [seed], {
        cwd: ROOT,
        env: serviceEnv,
        echo,
        logFile: join(logDir, 'seed.log'),
      });
    } else {
      log('warning: prisma/seed.ts does not exist yet: no demo data');
    }

    // ── worker
    const workerMain = join(ROOT, 'worker', 'main.ts');
    if (!existsSync(workerMain)) throw new Error('worker/main.ts does not exist: there is no worker to start');
    // A worker that dies is started again: the app keeps serving, and Temporal resumes its workflows.
    const spawnWorker = (extraEnv: Record<string, string> = {}): Service => {
      const n = workers.length;
      const name = n === 0 ? 'worker' : `worker${n + 1}`;
      const supervised = supervise({
        start: () =>
          spawnService(name, tsxBin(), [workerMain], {
            cwd: ROOT,
            env: { ...serviceEnv, ...WORKER_ENV, ...extraEnv },
            echo,
            logFile: join(logDir, 'worker.log'),
          }),
        log,
        onStart: (service) => {
          if (!persistent) return;
          recordService(dataDir, service);
          void service.exited.then(() => forgetService(dataDir, service.pid));
        },
        onGiveUp: (reason) => {
          if (stopped) return;
          log(`unexpected exit: ${reason}`);
          reportUnexpected(reason);
        },
      });
      workers.push(supervised);
      return supervised.current;
    };
    const stopWorkers = async () => {
      for (const w of workers) await w.stop({ timeoutMs: 15_000 });
    };
    cleanups.push({ name: 'worker', fn: stopWorkers });
    const waitForWorker = (since = Date.now() - 1_000) => waitForPoller(env, () => workers.at(-1), since, 180_000);
    const workerStarted = Date.now();
    spawnWorker();
    await waitForWorker(workerStarted);
    log(`the worker polls task queue ${env.TEMPORAL_TASK_QUEUE}`);

    // ── app
    let appUrl: string | undefined;
    if (withApp && appPort) {
      const appOpts = { root: ROOT, env: serviceEnv, log, echo, logDir };
      await buildAppIfStale(appOpts);
      const app = await startApp({ ...appOpts, port: appPort, url: localUrl, requireLogin: !persistent });
      watch(app);
      cleanups.push({ name: 'app', fn: () => stopService(app) });
      appPid = app.pid;
      appUrl = localUrl;
      log(`the app answers at ${appUrl}`);
    }

    // Operator commands run in a second terminal find the platform through this file (./local-platform.ts).
    if (persistent) {
      const forget = writeLocalPlatform(dataDir, env);
      cleanups.push({ name: 'platform settings', fn: async () => forget() });
    }

    return {
      env,
      dataDir,
      logDir,
      appUrl,
      temporalUiUrl,
      postgresPid,
      temporalPid,
      get workerPid() {
        return workers.at(-1)?.current.pid;
      },
      appPid,
      startWorker: (extraEnv) => spawnWorker(extraEnv).child,
      waitForWorker,
      stopWorker: stopWorkers,
      unexpectedExit,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

function tsxBin(): string {
  return join(ROOT, 'node_modules', '.bin', 'tsx');
}

/** A fresh database next to the one DATABASE_URL names, so tests never touch real data. */
async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xinyong_test_${randomBytes(6).toString('hex')}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a pool some test left open must not keep the database alive.
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * Waits until a worker that started after `since` polls the workflow task queue. Temporal remembers pollers for a
 * few minutes, so with a persistent server a poller of the previous run must not count.
 */
async function waitForPoller(
  env: Record<string, string>,
  latest: () => Supervised | undefined,
  since: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    for (;;) {
      const supervised = latest();
      if (supervised?.gaveUp) throw new Error(`the worker did not start: ${supervised.gaveUp}`);
      const worker = supervised?.current;
      const res = await connection.workflowService.describeTaskQueue({
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue: { name: env.TEMPORAL_TASK_QUEUE, kind: 1 }, // TASK_QUEUE_KIND_NORMAL
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      });
      const fresh = (res.pollers ?? []).some((p) => seconds(p.lastAccessTime?.seconds) * 1000 >= since - 2_000);
      if (fresh) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the worker did not poll task queue "${env.TEMPORAL_TASK_QUEUE}" within ${timeoutMs / 1000} s` +
            (worker ? `; ${describeExit(worker)}` : ''),
        );
      }
      await sleep(500);
    }
  } finally {
    await connection.close();
  }
}

// Protobuf int64 fields arrive as Long objects (or numbers).
function seconds(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') {
    return Number(value.toNumber());
  }
  return 0;
}
