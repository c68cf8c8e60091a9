// The offline fix in a real browser: a department uploads a file, downloads its
// returned rows as an xlsx from the task, fixes them in a spreadsheet (exceljs here), uploads the file back
// and sees the batch complete; each stored record links to its trace; the credit centre sends a record back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { APP_URL, launchBrowser, signIn } from '../support/browser';
import { penaltyHeaders, penaltyRows, writePenaltyXlsx } from '../support/penalty-data';

const dir = mkdtempSync(join(tmpdir(), 'e2e-offline-'));
const prefix = `EO${Date.now()}-`;
let browser: Browser;
let page: Page;
let batchUrl = '';
let taskUrl = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
beforeEach(async () => {
  page = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function signInAs(username: string) {
  await signIn(page, username, DEMO_PASSWORD);
  await page.waitForURL('**/home');
}

const column = (sheet: ExcelJS.Worksheet, key: string) =>
  (sheet.getRow(1).values as unknown[]).indexOf(penaltyHeaders().find((h) => h.key === key)!.label);

describe('a department fixes its returned rows offline', () => {
  it('R-2.3 uploads a file whose faulty rows come back as one task', async () => {
    const file = join(dir, '行政处罚_离线修复.xlsx');
    // 8 rows: row 5 has a wrong USCC check character, row 9 lacks 违法事实.
    await writePenaltyXlsx(file, penaltyRows(8, { faultEvery: 4, prefix }));
    await signInAs('scjgj01');
    await page.goto(`${APP_URL}/batches`);
    await page.getByTestId('upload-catalog').selectOption('ADMIN_PENALTY');
    await page.getByTestId('upload-file').setInputFiles(file);
    await page.getByTestId('upload-submit').click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    batchUrl = page.url();
    await expect
      .poll(() => page.getByTestId('batch-status').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('RETURNED');
    await page.getByTestId('batch-task-link').first().click();
    await page.waitForURL(/\/tasks\//);
    taskUrl = page.url();
    await page.getByTestId('offline-panel').waitFor();
  });

  it('R-2.3 downloads the rows, fixes them in the spreadsheet, uploads the file and sees the batch complete', async () => {
    await signInAs('scjgj01');
    await page.goto(taskUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('offline-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^置疑数据_行政处罚_PC.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const uscc = sheet.getRow(2).getCell(column(sheet, 'uscc'));
    expect(String(uscc.note)).toContain('校验位');
    uscc.value = penaltyRows(4, { prefix })[3]!.values.uscc!;
    sheet.getRow(3).getCell(column(sheet, 'facts')).value = '当事人未按规定公示年度报告。';
    const fixed = join(dir, '置疑数据_已修复.xlsx');
    writeFileSync(fixed, Buffer.from(await wb.xlsx.writeBuffer()));

    await page.getByTestId('offline-file').setInputFiles(fixed);
    await page.getByTestId('offline-upload').click();
    await page.getByTestId('offline-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('offline-submitted').textContent()).toBe('2');
    expect(await page.getByTestId('offline-still-wrong').textContent()).toBe('0');
    expect(await page.getByTestId('offline-reply').textContent()).toContain('全部置疑数据已处理完毕');

    await page.goto(batchUrl);
    await expect
      .poll(() => page.getByTestId('batch-status').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('COMPLETED');
    expect(await page.getByTestId('count-rowsFixed').textContent()).toBe('2');
  });

  it('R-2.2 opens a stored record from the batch and shows its trace from the file to the fix', async () => {
    await signInAs('scjgj01');
    await page.goto(batchUrl);
    await page.locator('[data-testid=batch-record][data-row-number="5"] [data-testid=batch-record-link]').click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('source-file').textContent()).toBe('行政处罚_离线修复.xlsx');
    expect(await page.getByTestId('source-row').textContent()).toBe('5');
    const kinds = await page
      .getByTestId('timeline-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['RECEIVED', 'FIX_SUBMITTED', 'FIX_STORED', 'COMPLETED']));
    expect(await page.locator('[data-field=legalRepIdNumber] dd').textContent()).toContain('*');
  });

  it('R-7.4 keeps the offline file of the task from another department', async () => {
    await signInAs('swj01');
    const res = await page.request.get(`${taskUrl.replace('/tasks/', '/api/tasks/')}/suspects.xlsx`);
    expect(res.status()).toBe(404);
  });
});

describe('the credit centre sends a stored record back', () => {
  it('R-3.4 picks a record on the batch page and sends it to the providing department’s inbox', async () => {
    await signInAs('xyzx01');
    await page.goto(batchUrl);
    await page.locator('[data-testid=batch-record][data-row-number="2"] [data-testid=batch-record-choose]').check();
    await page.getByTestId('send-feedback-reason').fill('处罚依据条款有误，请核实。');
    await page.getByTestId('send-feedback-submit').click();
    await expect
      .poll(() => page.getByTestId('send-feedback-message').textContent(), { timeout: 30_000 })
      .toMatch(/FK\d{8}-\d{6}/);
    const number = /FK\d{8}-\d{6}/.exec((await page.getByTestId('send-feedback-message').textContent())!)![0];

    // The department, in a browser of its own.
    page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signInAs('scjgj01');
    await page.goto(`${APP_URL}/inbox?view=department`);
    await expect
      .poll(() => page.getByTestId('inbox-row').filter({ hasText: number }).count(), { timeout: 30_000 })
      .toBe(1);
  });

  it('R-7.4 refuses a department the centre’s feedback and settings actions', async () => {
    await signInAs('scjgj01');
    const res = await page.request.post(`${APP_URL}/api/records/feedback`, {
      data: { recordIds: ['00000000-0000-4000-8000-000000000000'], reason: '越权尝试' },
      headers: { origin: APP_URL },
    });
    expect(res.status()).toBe(403);
    await page.goto(`${APP_URL}/admin/settings`);
    expect(await page.getByTestId('forbidden').count()).toBe(1);
    expect(await page.getByTestId('settings-form').count()).toBe(0);
  });
});
