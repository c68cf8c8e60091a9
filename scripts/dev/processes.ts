// Child processes of the dev/test orchestration (scripts/start.ts, scripts/dev/stack.ts).
// Every service runs in its own process group: stopping the group also stops grandchildren such as the
// `next-server` that `next start` leaves behind, and Ctrl-C in the terminal reaches only us, so we can stop
// the services in reverse order instead of all at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export type Log = (line: string) => void;

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Service {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves when the group leader exits (never rejects). */
  exited: Promise<ExitInfo>;
  /** Set once the leader has exited. */
  exitInfo: ExitInfo | undefined;
  /** True once stopService was called: an exit after that is expected. */
  stopping: boolean;
  /** The last lines of output, for error messages when the service dies. */
  recentOutput(): string;
}

export interface SpawnServiceOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Append the service's output to this file. */
  logFile?: string;
  /** Print the output to our stdout, each line prefixed with `[name]` (default true). */
  echo?: boolean;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

const RECENT_LINES = 60;

// Process groups we started and have not seen empty yet: the exit hook below kills them as a last resort.
const liveGroups = new Set<number>();

export function spawnService(name: string, cmd: string, args: string[], opts: SpawnServiceOptions = {}): Service {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
    ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
  });
  const recent: string[] = [];
  if (opts.logFile) mkdirSync(dirname(opts.logFile), { recursive: true });
  const echo = opts.echo ?? true;
  const onLine = (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    if (echo) process.stdout.write(`[${name}] ${line}\n`);
    if (opts.logFile) appendFileSync(opts.logFile, line + '\n');
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }

  let resolveExit: (info: ExitInfo) => void = () => {};
  const service: Service = {
    name,
    pid: 0,
    child,
    exited: new Promise<ExitInfo>((resolve) => (resolveExit = resolve)),
    exitInfo: undefined,
    stopping: false,
    recentOutput: () => recent.join('\n'),
  };
  child.on('error', (err) => {
    // spawn failures (ENOENT, EACCES) surface here instead of an exit event.
    onLine(`failed to start ${cmd}: ${err.message}`);
    service.exitInfo = { code: 127, signal: null };
    resolveExit(service.exitInfo);
  });
  child.on('exit', (code, signal) => {
    service.exitInfo = { code, signal };
    resolveExit(service.exitInfo);
  });
  if (child.pid !== undefined) {
    service.pid = child.pid;
    liveGroups.add(child.pid);
  }
  installExitHook();
  return service;
}

/** Human-readable description of how a service ended, with its last output unless told otherwise. */
export function describeExit(service: Service, opts: { output?: boolean } = {}): string {
  const info = service.exitInfo;
  const how = !info
    ? 'is still running'
    : info.signal
      ? `was killed by ${info.signal}`
      : `exited with code ${info.code}`;
  const output = opts.output === false ? '' : service.recentOutput();
  return `${service.name} (pid ${service.pid}) ${how}${output ? `; its last output:\n${indent(output)}` : ''}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Runs a command to completion (a build, a seed); rejects with its last output when it fails. */
export async function runToCompletion(
  name: string,
  cmd: string,
  args: string[],
  opts: SpawnServiceOptions = {},
): Promise<void> {
  const service = spawnService(name, cmd, args, opts);
  const onSignal = onShutdown(() => stopService(service));
  try {
    const info = await service.exited;
    await waitForGroupExit(service.pid, 5_000);
    if (info.code !== 0) throw new Error(describeExit(service));
  } finally {
    onSignal();
  }
}

export interface StopOptions {
  /** First signal; SIGKILL follows after timeoutMs. PostgreSQL wants SIGINT (fast shutdown). */
  signal?: NodeJS.Signals;
  timeoutMs?: number;
  /** Signal only the leader first (PostgreSQL's postmaster shuts its backends down itself). */
  leaderOnly?: boolean;
}

/** Stops a service and everything in its process group; resolves when the group is empty. */
export async function stopService(service: Service, opts: StopOptions = {}): Promise<void> {
  const { signal = 'SIGTERM', timeoutMs = 10_000, leaderOnly = false } = opts;
  service.stopping = true;
  const pgid = service.pid;
  if (!pgid || !groupAlive(pgid)) {
    liveGroups.delete(pgid);
    return;
  }
  signalGroup(pgid, signal, leaderOnly);
  if (!(await waitForGroupExit(pgid, timeoutMs))) {
    signalGroup(pgid, 'SIGKILL', false);
    await waitForGroupExit(pgid, 5_000);
  }
  liveGroups.delete(pgid);
}

function signalGroup(pgid: number, signal: NodeJS.Signals, leaderOnly: boolean): void {
  try {
    process.kill(leaderOnly ? pgid : -pgid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Whether any process of the group is still running. On Linux this reads /proc and ignores zombies: a container's
 * init may never reap orphaned grandchildren, which kill(-pgid, 0) would count as alive forever.
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return killZero(-pgid);
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readProcStat(Number(entry));
      if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') return true;
    }
    return false;
  }
  return killZero(-pgid);
}

/** Whether a single process is alive (a zombie counts as dead). */
export function processAlive(pid: number): boolean {
  if (process.platform === 'linux') {
    const stat = readProcStat(pid);
    return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
  }
  return killZero(pid);
}

function killZero(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ProcStat {
  state: string;
  ppid: number;
  pgrp: number;
  /** Clock ticks after boot: with the pid, identifies a process even across exec and title changes. */
  startTime: number;
}

export function readProcStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]), pgrp: Number(fields[2]), startTime: Number(fields[19]) };
  } catch {
    return undefined;
  }
}

export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

// ───────────────────────── ports ─────────────────────────

// Ports already handed out in this process: a port stays free until its service binds it, so without this two
// services started one after the other could be given the same one.
const handedOut = new Set<number>();

/**
 * The preferred port if nobody listens on it, else a free one. Random picks come from 20000–32767, below Linux's
 * ephemeral range, so an outgoing connection cannot take the port between now and the moment the service binds it.
 */
export async function freePort(preferred?: number): Promise<number> {
  if (preferred && !handedOut.has(preferred) && (await portFree(preferred))) return take(preferred);
  for (let i = 0; i < 50; i++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_768);
    if (!handedOut.has(candidate) && (await portFree(candidate))) return take(candidate);
  }
  return take(await kernelPort());
}

function take(port: number): number {
  handedOut.add(port);
  return port;
}

async function portFree(port: number): Promise<boolean> {
  // Both the wildcard and the loopback address: a listener on either one makes the other bind fail.
  return (await canListen(port, undefined)) && (await canListen(port, '127.0.0.1'));
}

function canListen(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ───────────────────────── shutdown ─────────────────────────

type ShutdownFn = () => Promise<void> | void;

const shutdownFns: ShutdownFn[] = [];
let signalsInstalled = false;
let shuttingDown: Promise<void> | undefined;

/**
 * Registers a cleanup to run on SIGINT/SIGTERM/SIGHUP (and on runShutdown). Cleanups run one after the other in
 * reverse order of registration, so the app stops before the worker, the worker before Temporal and PostgreSQL.
 * Returns a function that unregisters it.
 */
export function onShutdown(fn: ShutdownFn): () => void {
  shutdownFns.push(fn);
  installSignalHandlers();
  return () => {
    const i = shutdownFns.lastIndexOf(fn);
    if (i >= 0) shutdownFns.splice(i, 1);
  };
}

/** Runs the registered cleanups (once), in reverse order. */
export function runShutdown(): Promise<void> {
  shuttingDown ??= (async () => {
    while (shutdownFns.length > 0) {
      const fn = shutdownFns.pop();
      try {
        await fn?.();
      } catch (err) {
        process.stderr.write(`cleanup failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  })();
  return shuttingDown;
}

function installSignalHandlers(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const codes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let firstSignalAt = 0;
  for (const [signal, code] of Object.entries(codes) as [NodeJS.Signals, number][]) {
    process.on(signal, () => {
      if (shuttingDown) {
        // One Ctrl-C reaches us several times within milliseconds: from the terminal, and relayed by npm and by
        // tsx. Only a later one is the user insisting: they do not want to wait for a graceful stop.
        if (Date.now() - firstSignalAt < 2_000) return;
        process.stderr.write('\nforcing shutdown\n');
        killAllGroups();
        process.exit(code);
      }
      firstSignalAt = Date.now();
      process.stderr.write(`\n${signal}: stopping…\n`);
      void runShutdown().then(() => process.exit(code));
    });
  }
}

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when we exit without a graceful stop (a crash, process.exit): leave no service running detached.
  process.on('exit', killAllGroups);
}

function killAllGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL', false);
  liveGroups.clear();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
