// Shared steps of the fix-loop tests: upload penalty rows, wait for a task to open or close, read the
// offline suspects workbook as a user would download it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { exportSuspects } from '../../lib/suspects/offline-export';
import { type PenaltyRow, writePenaltyXlsx } from './penalty-data';
import { uploadAs } from './run-batch';
import { waitFor } from './wait';

const dir = mkdtempSync(join(tmpdir(), 'fix-loop-'));
let n = 0;

export async function uploadRows(
  username: string,
  rows: PenaltyRow[],
  name = `fix-loop-${++n}.xlsx`,
  taskQueue?: string,
): Promise<string> {
  const path = join(dir, name);
  await writePenaltyXlsx(path, rows);
  return (await uploadAs(username, 'ADMIN_PENALTY', path, taskQueue)).id;
}

export function waitForOpenTask(taskId: string) {
  return waitFor(`task ${taskId} to open`, async () => {
    const t = await db.task.findUnique({ where: { id: taskId } });
    return t?.status === 'OPEN' ? t : null;
  });
}

export function waitForClosedTask(taskId: string) {
  return waitFor(`task ${taskId} to close`, async () => {
    const t = await db.task.findUnique({ where: { id: taskId } });
    return t?.status === 'COMPLETED' ? t : null;
  });
}

/** The suspects workbook exactly as GET /api/tasks/[id]/suspects.xlsx streams it. */
export async function downloadSuspects(
  user: CurrentUser,
  taskId: string,
): Promise<{ filename: string; wb: ExcelJS.Workbook; bytes: Buffer }> {
  const { filename, stream } = await exportSuspects(user, taskId, '127.0.0.1');
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { filename, wb, bytes };
}

export function tmpFile(name: string): string {
  return join(dir, name);
}
