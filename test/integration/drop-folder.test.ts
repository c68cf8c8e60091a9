// Exchange drop folders on the real stack: files a department drops are read by the
// `drop-folder-scan` Temporal Schedule — here triggered as an administrator's 立即读取 — into batches of the
// ordinary import, archived once read, recognised by content when dropped again under another name, and
// rejected with a reason when they cannot be read.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminContext } from '../../lib/admin/guard';
import { dayKeyOf } from '../../lib/calendar/workdays';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { exchangeRoot } from '../../lib/exchange/drop-folder';
import {
  DROP_FOLDER_SCHEDULE_ID,
  ensureDropFolderSchedule,
  scheduleInfo,
  setExchangeSetting,
  triggerDropFolderScan,
} from '../../lib/exchange/schedule';
import { INTERVAL_KEY, SETTLE_KEY } from '../../lib/exchange/settings';
import { ForbiddenError } from '../../lib/errors';
import { temporal } from '../../lib/temporal';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { waitFor, waitForBatchStatus } from '../support/wait';

const tag = Date.now().toString(36);
const dept = join(exchangeRoot(), 'SCJGJ');
const inbox = join(dept, 'inbox', 'ADMIN_PENALTY');
const today = dayKeyOf(Date.now()).replace(/-/g, '');
let admin: AdminContext;

/** Drops a file as a department would, already settled (modified a minute ago). */
function drop(path: string, write: (p: string) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  write(path);
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}

async function scanAndWaitFor(names: string[]) {
  await triggerDropFolderScan(admin);
  return waitFor(`exchange files ${names.join(', ')}`, async () => {
    const rows = await db.exchangeFile.findMany({ where: { name: { in: names } }, orderBy: { at: 'asc' } });
    return rows.length === names.length ? rows : null;
  });
}

beforeAll(async () => {
  admin = { actor: (await loadUser({ username: 'admin' }))!, ip: '127.0.0.1' };
  await setExchangeSetting(admin, SETTLE_KEY, 0);
});
afterAll(() => db.$disconnect());

describe('drop folder', () => {
  const original = `行政处罚_${tag}.xlsx`;
  const copy = `行政处罚_${tag}_副本.xlsx`;
  const broken = `损坏_${tag}.xlsx`;
  const loose = `未分目录_${tag}.csv`;
  let batchId = '';

  it('R-1.3.1 R-9.1 reads a dropped file into one batch, recognises a renamed copy, rejects what it cannot read', async () => {
    const source = join(mkdtempSync(join(tmpdir(), 'drop-')), 'source.xlsx');
    await writePenaltyXlsx(source, penaltyRows(4, { prefix: `D${tag}-` }));
    drop(join(inbox, original), (p) => copyFileSync(source, p));
    drop(join(inbox, copy), (p) => copyFileSync(source, p));
    drop(join(inbox, broken), (p) => writeFileSync(p, '这不是 Excel 文件'));
    drop(join(dept, 'inbox', loose), (p) => writeFileSync(p, '行政相对人名称\n某公司\n'));

    const logged = await scanAndWaitFor([original, copy, broken, loose]);
    const byName = new Map(logged.map((f) => [f.name, f]));
    const batches = logged.filter((f) => f.outcome === 'BATCH');
    expect(batches).toHaveLength(1);
    expect(byName.get(broken)?.outcome).toBe('REJECTED');
    expect(byName.get(loose)?.outcome).toBe('REJECTED');
    const duplicate = logged.find((f) => f.outcome === 'DUPLICATE')!;
    expect([original, copy]).toContain(duplicate.name);
    expect(duplicate.sha256).toBe(batches[0]!.sha256);
    batchId = batches[0]!.batchId!;

    const batch = await waitForBatchStatus(batchId, ['COMPLETED', 'RETURNED', 'FAILED']);
    expect(batch.status).toBe('COMPLETED');
    expect(batch.source).toBe('DROP_FOLDER');
    expect(batch.rowsStored).toBe(4);
    const provider = await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } });
    expect(batch.providerDeptId).toBe(provider.id);
    const received = await db.batchEvent.findFirstOrThrow({ where: { batchId, kind: 'RECEIVED' } });
    expect(received.actorName).toBe('交换目录自动读取');
  });

  it('R-1.3.1 moves read files to the archive of the day and rejected ones next to their reason', () => {
    expect(readdirSync(inbox).filter((n) => n.includes(tag))).toEqual([]);
    const archived = readdirSync(join(dept, 'archive', today));
    expect(archived).toEqual(expect.arrayContaining([original, copy]));
    const rejected = join(dept, 'rejected');
    expect(existsSync(join(rejected, broken))).toBe(true);
    expect(readFileSync(join(rejected, `${broken}.reason.txt`), 'utf8')).toContain('不是有效的 Excel 文件');
    expect(readFileSync(join(rejected, `${loose}.reason.txt`), 'utf8')).toContain('以目录编码命名的子文件夹');
  });

  it('R-1.3.1 R-2.1 never reads the same content twice, whatever the file is called', async () => {
    const again = `再次报送_${tag}.xlsx`;
    drop(join(inbox, again), (p) => copyFileSync(join(dept, 'archive', today, original), p));
    const [row] = await scanAndWaitFor([again]);
    expect(row?.outcome).toBe('DUPLICATE');
    expect(row?.reason).toContain('文件内容相同');
    const sha = row!.sha256;
    expect(await db.importBatch.count({ where: { file: { sha256: sha } } })).toBe(1);
  });

  it('R-1.3.1 R-9.3 runs on a Temporal Schedule whose interval is an administrator setting', async () => {
    const handle = temporal().schedule.getHandle(DROP_FOLDER_SCHEDULE_ID);
    expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(5 * 60_000);
    await setExchangeSetting(admin, INTERVAL_KEY, 7);
    expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(7 * 60_000);
    await setExchangeSetting(admin, INTERVAL_KEY, 5);
    // A worker started on another task queue (a test's, a one-off's) leaves the scans with the county's workers.
    await ensureDropFolderSchedule(temporal(), `other-queue-${tag}`);
    const action = (await handle.describe()).action;
    expect(action.type === 'startWorkflow' && action.taskQueue).toBe(process.env.TEMPORAL_TASK_QUEUE ?? 'xinyong');
    const info = await scheduleInfo(admin);
    expect(info.exists).toBe(true);
    expect(info.last).not.toBeNull();
    const operator = { actor: (await loadUser({ username: 'scjgj01' }))!, ip: null };
    await expect(triggerDropFolderScan(operator)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
