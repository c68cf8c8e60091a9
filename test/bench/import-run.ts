// One import through the real workflow on the stack's worker: upload by the service path the upload route
// uses, wait for the import to finish, and read what it stored. The worker's peak RSS is sampled meanwhile.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Stack } from '../../scripts/dev/stack';
import { db } from '../../lib/db';
import { uploadAs } from '../support/run-batch';
import { monitorCpu, type CpuSeconds } from './cpu';
import { monitorPeakRss } from './rss';

export interface ImportRun {
  file: string;
  /** Data rows the batch read. */
  rows: number;
  /** Upload start to the batch's status after the import (RETURNED or COMPLETED). */
  totalMs: number;
  /** The import activity alone, as seen from outside: the batch's start to the last advance of its cursor. */
  importMs: number;
  /** Upload start to the batch's workflow picking it up (hashing and storing the file, starting the workflow). */
  uploadMs: number;
  /** The last commit to the batch's status after the import (timeliness flag, return to the department). */
  tailMs: number;
  peakRssMb: number;
  /** The worker's RSS when the upload started. */
  startRssMb: number;
  stored: number;
  updated: number;
  duplicate: number;
  suspect: number;
  /** The import's own account of its stages, from the worker's log (which stage held it up). */
  stages: string | null;
  /** CPU seconds each service used from the upload to the batch's status after the import. */
  cpu: CpuSeconds;
  status: string;
  error: string | null;
}

export async function importThroughWorkflow(stack: Stack, path: string, timeoutMs: number): Promise<ImportRun> {
  const workerPid = stack.workerPid;
  if (!workerPid) throw new Error('the stack has no worker');
  const rss = monitorPeakRss(workerPid);
  const cpu = monitorCpu({
    worker: workerPid,
    postgres: stack.postgresPid,
    temporal: stack.temporalPid,
  });
  const benchCpu = process.cpuUsage();
  const started = performance.now();
  let batchId: string;
  try {
    batchId = (await uploadAs('scjgj01', 'ADMIN_PENALTY', path)).id;
  } catch (err) {
    rss.stop();
    throw err;
  }
  const deadline = Date.now() + timeoutMs;
  let processingSince: number | undefined;
  let cursor = -1;
  let cursorMovedAt = performance.now();
  for (;;) {
    const b = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
    if (b.status !== 'RECEIVED') processingSince ??= performance.now();
    if (b.cursor !== cursor) [cursor, cursorMovedAt] = [b.cursor, performance.now()];
    if (['RETURNED', 'COMPLETED', 'FAILED'].includes(b.status)) break;
    if (Date.now() > deadline) throw new Error(`the import of ${basename(path)} did not finish in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const totalMs = performance.now() - started;
  const peakRssMb = rss.stop();
  const benchUsed = process.cpuUsage(benchCpu);
  // The bench process itself (the upload: hashing and storing the file; polling the batch).
  const cpuSeconds = { ...cpu.stop(), bench: (benchUsed.user + benchUsed.system) / 1e6 };
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  return {
    file: basename(path),
    rows: batch.rowsRead,
    totalMs,
    importMs: cursorMovedAt - (processingSince ?? started),
    uploadMs: (processingSince ?? started) - started,
    tailMs: started + totalMs - cursorMovedAt,
    peakRssMb,
    startRssMb: rss.startMb,
    stored: batch.rowsStored,
    updated: batch.rowsUpdated,
    duplicate: batch.rowsDuplicate,
    suspect: batch.rowsSuspect,
    stages: stagesOf(stack.logDir, batchId),
    cpu: cpuSeconds,
    status: batch.status,
    error: batch.error,
  };
}

// run-import.ts logs "import <id>: done in … (commits …, commits waiting for checks …, reading held back by
// commits …)": the part in parentheses.
function stagesOf(logDir: string, batchId: string): string | null {
  try {
    const log = readFileSync(join(logDir, 'worker.log'), 'utf8');
    return new RegExp(`import ${batchId}: done in [^(]*\\(([^)]*)\\)`).exec(log)?.[1] ?? null;
  } catch {
    return null;
  }
}
