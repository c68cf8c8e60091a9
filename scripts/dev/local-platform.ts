// While `npm start` runs, it leaves the settings of the platform it started in <dataDir>/platform.json, readable
// by its owner only and removed when it stops. The operator commands (npm run import, audit:verify, signature,
// db:migrate, …) read it when they are run in a second terminal with no configuration of their own, so they
// work against the running platform as they are. A variable set in the environment always wins, and without a
// running `npm start` nothing is read: the commands then ask for their configuration as before.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive, readProcStat } from './processes';

/** What an operator command may need: where the services are, and the keys the platform's data is sealed with. */
const SETTINGS = [
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'FILE_STORE_DIR',
  'APP_URL',
  'AUTH_URL',
  'AUTH_SECRET',
  'PII_ENC_KEY',
  'PII_HMAC_KEY',
  'SIGNING_KEY',
] as const;

interface PlatformFile {
  /** The `npm start` process, and its start time: a pid reused by another process after a kill -9 does not count. */
  pid: number;
  startTime: number;
  env: Partial<Record<(typeof SETTINGS)[number], string>>;
}

function file(dataDir: string): string {
  return join(dataDir, 'platform.json');
}

/** Records the running platform's settings; returns the function that removes them when it stops. */
export function writeLocalPlatform(dataDir: string, env: Record<string, string | undefined>): () => void {
  const content: PlatformFile = {
    pid: process.pid,
    startTime: readProcStat(process.pid)?.startTime ?? 0,
    env: Object.fromEntries(SETTINGS.filter((k) => env[k] !== undefined).map((k) => [k, env[k]])),
  };
  const path = file(dataDir);
  writeFileSync(path, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its mode on write: it holds the keys
  return () => rmSync(path, { force: true });
}

/**
 * Fills the settings missing from `target` from the platform `npm start` runs on `dataDir`, when it runs and the
 * command has no database configured. Returns whether it did.
 */
export function useLocalPlatform(dataDir: string, target: Record<string, string | undefined> = process.env): boolean {
  if (target.DATABASE_URL) return false;
  let recorded: PlatformFile;
  try {
    recorded = JSON.parse(readFileSync(file(dataDir), 'utf8')) as PlatformFile;
  } catch {
    return false;
  }
  const running =
    Number.isInteger(recorded.pid) &&
    processAlive(recorded.pid) &&
    (readProcStat(recorded.pid)?.startTime ?? 0) === recorded.startTime;
  if (!running) return false;
  for (const key of SETTINGS) {
    const value = recorded.env?.[key];
    if (typeof value === 'string' && target[key] === undefined) target[key] = value;
  }
  return true;
}
