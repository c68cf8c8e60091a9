// Statistics after known imports by two departments no other test uses (县住建局, 县卫健委): batches,
// rows, valid, duplicate, suspect, fixed and overdue per department, catalog and period, records stored and
// queries made; a department leader sees only their own scope; the xlsx export holds the same numbers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { getScopedRecord, listScopedRecords } from '../../lib/records/scoped-records';
import { getStats } from '../../lib/stats/dashboard';
import { exportStats } from '../../lib/stats/export';
import { dayKeyOf } from '../../lib/calendar/workdays';
import { METRIC_LABELS, METRICS, type Counts } from '../../lib/stats/metrics';
import { getFixTask, submitFixes } from '../../lib/suspects/fix-task';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { signInHttp } from '../support/http-session';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { createTestUser } from '../support/users';
import { waitFor, waitForBatchStatus } from '../support/wait';

const dir = mkdtempSync(join(tmpdir(), 'stats-'));
const today = dayKeyOf(Date.now());
let zjj: string;
let wjw: string;
let catalogId: string;
let centre: CurrentUser;
let leader: CurrentUser;
// What the day held before this file's imports: the expectations are differences, so a re-run on the same
// database (or another test using these departments) does not disturb them.
const before: Record<'zjj' | 'wjw' | 'zjjPenalty', Counts> = { zjj: zero(), wjw: zero(), zjjPenalty: zero() };

// 县住建局: 20 rows with 4 faulty, then 5 exact repeats; one faulty row fixed; two overdue tasks; 3 reads.
const ZJJ: Counts = {
  batches: 2,
  rows: 25,
  valid: 21,
  duplicate: 5,
  suspect: 4,
  fixed: 1,
  overdue: 2,
  records: 17,
  late: 17, // decided on 2026-10-15, reported weeks later (双公示: 7 working days)
  queries: 3,
};
// 县卫健委: 10 clean rows, as late as the others.
const WJW: Counts = { ...zero(), batches: 1, rows: 10, valid: 10, records: 10, late: 10 };

function zero(): Counts {
  return Object.fromEntries(METRICS.map((m) => [m, 0])) as Counts;
}
const counts = (row: object): Counts => Object.fromEntries(METRICS.map((m) => [m, (row as Counts)[m]])) as Counts;
const minus = (a: object, b: Counts): Counts =>
  Object.fromEntries(METRICS.map((m) => [m, (a as Counts)[m] - b[m]])) as Counts;
const day = { from: dayKeyOf(Date.now()), to: dayKeyOf(Date.now()), granularity: 'day' as const };

beforeAll(async () => {
  const deptId = async (code: string) => (await db.department.findUniqueOrThrow({ where: { code } })).id;
  [zjj, wjw] = [await deptId('ZJJ'), await deptId('WJW')];
  catalogId = (await db.catalog.findUniqueOrThrow({ where: { code: 'ADMIN_PENALTY' } })).id;
  centre = (await loadUser({ username: 'xyzx01' }))!;
  leader = (await loadUser({ id: (await createTestUser({ roles: ['DEPT_LEADER'], dept: 'ZJJ' })).id }))!;
  const start = await getStats(centre, day);
  before.zjj = counts(start.byDepartment.find((d) => d.key === zjj)!);
  before.wjw = counts(start.byDepartment.find((d) => d.key === wjw)!);
  const startZjj = await getStats(centre, { ...day, deptId: zjj });
  before.zjjPenalty = counts(startZjj.byCatalog.find((c) => c.key === catalogId)!);

  const prefix = `ST${Date.now()}-`;
  const rowsA = penaltyRows(20, { faultEvery: 5, prefix });
  await writePenaltyXlsx(join(dir, 'a.xlsx'), rowsA);
  await writePenaltyXlsx(
    join(dir, 'b.xlsx'),
    rowsA.filter((_, i) => i < 6 && i !== 4),
  ); // rows stored by A
  await writePenaltyXlsx(join(dir, 'c.xlsx'), penaltyRows(10, { prefix: `${prefix}W` }));
  const a = await uploadAs('zjj01', 'ADMIN_PENALTY', join(dir, 'a.xlsx'));
  const c = await uploadAs('wjw01', 'ADMIN_PENALTY', join(dir, 'c.xlsx'));
  await waitForBatchStatus(a.id, ['RETURNED']);
  const b = await uploadAs('zjj01', 'ADMIN_PENALTY', join(dir, 'b.xlsx'));
  await Promise.all([waitForBatchStatus(b.id, ['COMPLETED']), waitForBatchStatus(c.id, ['COMPLETED'])]);

  // Fix the row that lacked 违法事实 (row 11); the workflow stores it.
  const operator = (await loadUser({ username: 'zjj01' }))!;
  const taskId = `suspect-fix-${a.id}:fix`;
  await waitFor('the fix task', () => db.task.findUnique({ where: { id: taskId } }));
  const item = (await getFixTask(operator, taskId, null)).items.find((i) => i.rowNumber === 11)!;
  await submitFixes(
    operator,
    taskId,
    { rows: [{ itemId: item.id, values: { ...item.values, facts: '补充的违法事实' } }] },
    null,
  );
  await waitFor('the fixed row stored', async () => {
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: a.id } });
    return batch.rowsFixed === 1;
  });

  // Deadlines: one task still open past its due time, one completed late, one completed in time.
  const now = Date.now();
  const task = (id: string, dueAt: number, completedAt: number | null) => ({
    id: `stats-test-${prefix}${id}`,
    kind: 'STATS_TEST',
    title: '统计测试任务',
    workflowId: `stats-test-${prefix}`,
    workflowType: 'none',
    candidateDeptId: zjj,
    status: completedAt ? ('COMPLETED' as const) : ('OPEN' as const),
    dueAt: new Date(dueAt),
    completedAt: completedAt ? new Date(completedAt) : null,
    subjectRef: { batchId: a.id },
  });
  await db.task.createMany({
    data: [
      task('open', now - 60_000, null),
      task('late', now - 120_000, now - 30_000),
      task('ok', now + 3_600_000, now - 30_000),
    ],
  });

  // Reads of credit data by 县住建局: two searches and one record viewed.
  const list = await listScopedRecords(leader, catalogId, {}, '127.0.0.1');
  await listScopedRecords(leader, catalogId, {}, '127.0.0.1');
  await getScopedRecord(leader, list.rows[0]!.id, '127.0.0.1');
}, 300_000);

afterAll(() => db.$disconnect());

describe('statistics dashboard', () => {
  it('R-2.4 counts batches, rows, valid, duplicate, suspect, fixed, overdue, records and queries per department', async () => {
    const s = await getStats(centre, day);
    expect(
      minus(
        s.byDepartment.find((d) => d.key === zjj)!,
        before.zjj,
      ),
    ).toEqual(ZJJ);
    expect(
      minus(
        s.byDepartment.find((d) => d.key === wjw)!,
        before.wjw,
      ),
    ).toEqual(WJW);
    // Every department of the county is listed, those that reported nothing with zeros.
    expect(s.byDepartment.length).toBe(await db.department.count());
  });

  it('R-2.4 counts the same per catalog and per period for one department', async () => {
    const s = await getStats(centre, { ...day, deptId: zjj });
    expect(s.byDepartment.map((d) => d.key)).toEqual([zjj]);
    expect(minus(s.totals, before.zjj)).toEqual(ZJJ);
    expect(
      minus(
        s.byCatalog.find((c) => c.key === catalogId)!,
        before.zjjPenalty,
      ),
    ).toEqual(ZJJ);
    expect(s.byCatalog.filter((c) => c.key !== catalogId).every((c) => c.rows === 0)).toBe(true);
    expect(s.byPeriod).toHaveLength(1);
    expect(s.byPeriod[0]!.key).toBe(today);
    expect(minus(s.byPeriod[0]!, before.zjj)).toEqual(ZJJ);
    // By catalog alone: 行政处罚 over both departments.
    const both = await getStats(centre, { from: today, to: today, catalogId });
    const penalty = both.byCatalog.find((c) => c.key === catalogId)!;
    expect(penalty.batches).toBeGreaterThanOrEqual(ZJJ.batches + WJW.batches);
    // Nothing falls in a period before the imports.
    const past = await getStats(centre, { from: '2020-01-01', to: '2020-01-31', deptId: zjj });
    expect(counts(past.totals)).toEqual(zero());
  });

  it('R-2.4 R-7.4 shows a department leader only their own department and refuses another one', async () => {
    const s = await getStats(leader, { from: today, to: today });
    expect(s.byDepartment.map((d) => d.key)).toEqual([zjj]);
    // The leader's whole scope is 县住建局: the totals are that department's, nothing of 县卫健委.
    expect(counts(s.totals)).toEqual(counts((await getStats(centre, { ...day, deptId: zjj })).totals));
    expect(minus(s.totals, before.zjj)).toEqual(ZJJ);
    expect(s.options.departments.map((d) => d.id)).toEqual([zjj]);
    await expect(getStats(leader, { deptId: wjw })).rejects.toBeInstanceOf(NotFoundError);
    const operator = (await loadUser({ username: 'zjj01' }))!;
    await expect(getStats(operator, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('R-2.4 exports an xlsx with the same numbers as the dashboard, and logs the export', async () => {
    const shown = await getStats(centre, day);
    const { filename, buffer } = await exportStats(centre, day, '127.0.0.1');
    expect(filename).toBe(`统计分析_${today}_${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('按部门')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['部门', ...METRICS.map((m) => METRIC_LABELS[m])]);
    const rowOf = (name: string) => {
      let found: unknown[] | undefined;
      sheet.eachRow((r) => {
        if (r.getCell(1).value === name) found = (r.values as unknown[]).slice(2);
      });
      return found;
    };
    for (const d of shown.byDepartment) expect(rowOf(d.label), d.label).toEqual(METRICS.map((m) => d[m]));
    const zjjRow = rowOf('县住建局') as number[];
    expect(METRICS.map((m, i) => zjjRow[i]! - before.zjj[m])).toEqual(METRICS.map((m) => ZJJ[m]));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按部门', '按目录', '按时间']);
    const logged = await db.auditLog.findFirst({ where: { userId: centre.id, module: 'stats', action: 'EXPORT' } });
    expect(logged?.detail).toMatchObject({ from: today, to: today });
  });

  it('R-2.4 answers the dashboard over HTTP to the credit centre and refuses an operator', async () => {
    const staff = await signInHttp('xyzx01', DEMO_PASSWORD);
    const res = await staff.fetch(`/api/stats?from=${today}&to=${today}&granularity=day&deptId=${zjj}`);
    expect(res.status).toBe(200);
    expect(minus(((await res.json()) as { totals: Counts }).totals, before.zjj)).toEqual(ZJJ);
    const file = await staff.fetch(`/api/stats/export?from=${today}&to=${today}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const operator = await signInHttp('zjj01', DEMO_PASSWORD);
    expect((await operator.fetch('/api/stats')).status).toBe(403);
  });
});
