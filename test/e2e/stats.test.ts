// The statistics dashboard in a real browser: a department's import shows in the charts and the
// tables, and the xlsx export downloads with the same numbers.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { launchBrowser, signIn } from '../support/browser';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitForBatchStatus } from '../support/wait';

let browser: Browser;
let page: Page;
let deptId: string;

beforeAll(async () => {
  // 县交通运输局 reports 12 rows, 2 of them faulty.
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-stats-')), 'jt.xlsx');
  await writePenaltyXlsx(path, penaltyRows(12, { faultEvery: 6, prefix: `ES${Date.now()}-` }));
  const batch = await uploadAs('jtysj01', 'ADMIN_PENALTY', path);
  await waitForBatchStatus(batch.id, ['RETURNED']);
  deptId = (await db.department.findUniqueOrThrow({ where: { code: 'JTYSJ' } })).id;
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

describe('statistics dashboard', () => {
  it('R-2.4 renders its charts with the department’s figures and downloads them as xlsx', async () => {
    await signIn(page, 'xyzx01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.getByTestId('nav-stats').click();
    await page.waitForURL('**/stats');
    for (const chart of ['period', 'department', 'catalog', 'overdue']) {
      await page.locator(`[data-testid="stats-chart-${chart}"] svg.recharts-surface`).first().waitFor();
    }
    // Bars are drawn for the departments that reported.
    await expect
      .poll(() => page.locator('[data-testid="stats-chart-department"] .recharts-bar-rectangle').count())
      .toBeGreaterThan(0);
    const row = page.locator(`[data-testid="stats-dept-row"][data-key="${deptId}"]`);
    const cell = async (metric: string) =>
      Number((await row.locator(`[data-metric="${metric}"]`).textContent())!.replace(/,/g, ''));
    // Only this file reports for 县交通运输局: its one batch of 12 rows, 2 of them suspect.
    expect(await cell('batches')).toBe(1);
    const shown = { rows: await cell('rows'), valid: await cell('valid'), suspect: await cell('suspect') };
    expect(shown).toEqual({ rows: 12, valid: 10, suspect: 2 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^统计分析_.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('按部门')!;
    let exported: unknown[] = [];
    sheet.eachRow((r) => {
      if (r.getCell(1).value === '县交通运输局') exported = r.values as unknown[];
    });
    // Columns: 部门, 归集批次, 上报行数, 有效行数, 重复行数, 置疑行数 …
    expect({ rows: exported[3], valid: exported[4], suspect: exported[6] }).toEqual(shown);
  });
});
