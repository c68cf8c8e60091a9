// Where the embedded PostgreSQL's binaries and cluster live when we run as root. The server then runs as the OS
// user `postgres`, which must be able to walk down to both. In a checkout under a directory others cannot enter
// (root's home, a 0700 `mktemp -d`), neither node_modules nor .data is reachable for it; then:
// - the binaries are copied once per version to /var/lib/xinyong-wuzhi/postgres-<version> (root's, readable);
// - the cluster goes to /var/lib/xinyong-wuzhi/clusters/<checkout id>/pg, owned by `postgres`, and `.data/pg`
//   becomes a symbolic link to it, so `.data/` remains the one place a person needs to know about.
// Anywhere else, and for every user but root, nothing moves.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Binaries } from './postgres';
import type { Log } from './processes';

export interface OsUser {
  uid: number;
  gid: number;
}

/** Reachable by any user: /var and /var/lib are 0755 on every Linux system. */
export const SYSTEM_HOME = '/var/lib/xinyong-wuzhi';

/** The first directory from the root down to `dir` (inclusive) that `user` may not enter, if any. */
function firstBlocked(dir: string, user: OsUser): string | undefined {
  const chain: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of chain) {
    let st;
    try {
      st = statSync(d);
    } catch {
      return d;
    }
    const x = st.uid === user.uid ? st.mode & 0o100 : st.gid === user.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!x) return d;
  }
  return undefined;
}

/** Whether `user` may enter every directory from the root down to `dir`. */
export function canEnter(dir: string, user: OsUser): boolean {
  return firstBlocked(dir, user) === undefined;
}

/** Throws a clear error when `user` cannot walk down to `dir`. */
export function assertReachable(dir: string, user: OsUser): void {
  const blocked = firstBlocked(dirname(resolve(dir)), user);
  if (!blocked) return;
  throw new Error(
    `PostgreSQL runs as the OS user "postgres" (we are root), which cannot enter ${blocked}. ` +
      `Run \`chmod o+x ${blocked}\`, or set DATABASE_URL to a server of your own.`,
  );
}

/** The binaries as they are, or (as root, from an unreachable node_modules) a copy the server's user can run. */
export function placeBinaries(binaries: Binaries, user: OsUser | undefined, log: Log): Binaries {
  if (!user || canEnter(dirname(binaries.postgres), user)) return binaries;
  const native = resolve(dirname(binaries.postgres), '..');
  const target = join(SYSTEM_HOME, `postgres-${packageVersion(native)}`);
  const done = join(target, '.complete');
  if (!existsSync(done)) {
    log(`PostgreSQL's OS user "postgres" cannot reach ${native}: copying its binaries to ${target} (once)`);
    mkdirSync(SYSTEM_HOME, { recursive: true });
    chmodSync(SYSTEM_HOME, 0o755);
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(partial, '.complete'), `copied from ${native}\n`);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
  }
  const placed = {
    postgres: join(target, 'bin', basename(binaries.postgres)),
    initdb: join(target, 'bin', basename(binaries.initdb)),
  };
  if (!canEnter(dirname(placed.postgres), user)) {
    throw new Error(`PostgreSQL's OS user "postgres" cannot reach ${target} either: set DATABASE_URL`);
  }
  return placed;
}

function packageVersion(native: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string' && /^[\w.-]+$/.test(pkg.version)) return pkg.version;
  } catch {
    // Not laid out as the npm package: name the copy by its location instead.
  }
  return createHash('sha256').update(native).digest('hex').slice(0, 12);
}

/**
 * The directory the cluster really lives in. As root, when `dataDir` is a symbolic link (placed by an earlier
 * run) its target; when the server's user cannot enter `dataDir`'s parent, a directory under SYSTEM_HOME that
 * `dataDir` now links to. Otherwise `dataDir` itself.
 */
export function placeCluster(dataDir: string, user: OsUser | undefined, log: Log): string {
  if (!user) return dataDir;
  const link = lstatOrUndefined(dataDir);
  if (link?.isSymbolicLink()) return resolve(dirname(dataDir), readlinkSync(dataDir));
  if (canEnter(dirname(dataDir), user)) return dataDir;
  if (link) {
    // A cluster from before this placement existed, which the server could not reach anyway.
    log(`${dataDir} is not reachable by PostgreSQL's OS user "postgres": it is replaced by a new cluster`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const owner = realpathSync(dirname(dataDir));
  const home = join(SYSTEM_HOME, 'clusters', createHash('sha256').update(owner).digest('hex').slice(0, 12));
  const target = join(home, basename(dataDir));
  // `.data/pg` was removed to start afresh: the cluster it pointed to goes with it.
  rmSync(target, { recursive: true, force: true });
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chmodSync(SYSTEM_HOME, 0o755);
  chmodSync(join(SYSTEM_HOME, 'clusters'), 0o755);
  writeFileSync(join(home, 'CHECKOUT'), `${join(owner, basename(dataDir))} links here\n`);
  symlinkSync(target, dataDir);
  log(
    `PostgreSQL's OS user "postgres" cannot enter ${owner}: its cluster lives in ${target}, ` +
      `linked from ${dataDir}`,
  );
  return target;
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
