// Services of a persistent run (`npm start`) are recorded in <dataDir>/services.json. If that run was killed
// without a chance to clean up (kill -9), its detached services live on: the Temporal dev server would keep its
// SQLite file and the old worker would keep taking tasks. The next run stops them before starting its own.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupAlive, processAlive, readCmdline, readProcStat, sleep, type Log, type Service } from './processes';

interface Recorded {
  name: string;
  pid: number;
  startTime: number;
  cmdline: string; // for people reading the file
}

function file(dataDir: string): string {
  return join(dataDir, 'services.json');
}

function read(dataDir: string): Recorded[] {
  try {
    const value: unknown = JSON.parse(readFileSync(file(dataDir), 'utf8'));
    return Array.isArray(value) ? (value as Recorded[]) : [];
  } catch {
    return [];
  }
}

export function recordService(dataDir: string, service: Service): void {
  const entries = read(dataDir).filter((e) => processAlive(e.pid));
  const startTime = readProcStat(service.pid)?.startTime ?? 0;
  entries.push({ name: service.name, pid: service.pid, startTime, cmdline: readCmdline(service.pid) });
  writeFileSync(file(dataDir), JSON.stringify(entries, null, 2) + '\n');
}

export function forgetService(dataDir: string, pid: number): void {
  if (!existsSync(file(dataDir))) return;
  writeFileSync(
    file(dataDir),
    JSON.stringify(
      read(dataDir).filter((e) => e.pid !== pid),
      null,
      2,
    ) + '\n',
  );
}

/**
 * Stops recorded services that still run and whose starter is gone. A service whose parent is still a node
 * process belongs to a run in progress (a second `npm start` on the same data): that is an error, not a leftover.
 */
export async function stopLeftovers(dataDir: string, log: Log): Promise<void> {
  // Newest first: the app and worker let go of the database before PostgreSQL is asked to stop.
  for (const entry of read(dataDir).reverse()) {
    // The pid may have been reused by an unrelated process since: only the same start time counts.
    if (!processAlive(entry.pid) || readProcStat(entry.pid)?.startTime !== entry.startTime) continue;
    const parent = readProcStat(entry.pid)?.ppid ?? 1;
    const parentCmd = parent > 1 ? readCmdline(parent) : '';
    if (/\bnode\b|tsx|vitest/.test(parentCmd)) {
      throw new Error(
        `${entry.name} (pid ${entry.pid}) of another run on ${dataDir} is still running, started by pid ${parent}. ` +
          `Stop that run first.`,
      );
    }
    log(`stopping ${entry.name} (pid ${entry.pid}) left running by an earlier run`);
    try {
      process.kill(-entry.pid, 'SIGTERM');
    } catch {
      continue;
    }
    for (let i = 0; i < 150 && groupAlive(entry.pid); i++) await sleep(100);
    if (groupAlive(entry.pid)) {
      try {
        process.kill(-entry.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  writeFileSync(file(dataDir), '[]\n');
}
