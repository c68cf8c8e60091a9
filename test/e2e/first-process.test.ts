// The first process by hand, in a real browser against the built app on the real stack: a department
// uploads a filled 行政处罚 template, fixes the returned rows on screen, and sees the batch complete with its
// history; sign-in rules and data scope as a user meets them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../lib/auth/totp';
import { ADMIN_INITIAL_PASSWORD, DEMO_PASSWORD } from '../../prisma/seed-ids';
import { APP_URL, launchBrowser, signIn } from '../support/browser';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';

const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
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

describe('sign-in', () => {
  it('R-8.2 answers a wrong password with the one generic message', async () => {
    await signIn(page, 'scjgj01', 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
  });

  it('R-8.2 makes the seeded administrator change the initial password before anything else', async () => {
    await signIn(page, 'admin', ADMIN_INITIAL_PASSWORD);
    await page.waitForURL('**/change-password');
    await page.goto(`${APP_URL}/inbox`);
    await page.waitForURL('**/change-password'); // no way around it
    await page.getByLabel('当前密码').fill(ADMIN_INITIAL_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('Wuzhi-Credit-2026!');
    await page.getByLabel('确认新密码').fill('Wuzhi-Credit-2026!');
    await page.getByTestId('change-password-submit').click();
    await page.waitForURL('**/login?changed=1');
    // An administrator also enrols a TOTP authenticator before anything else (等保 two factors).
    await signIn(page, 'admin', 'Wuzhi-Credit-2026!');
    await page.waitForURL('**/account/totp');
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now()));
    await page.getByTestId('totp-submit').click();
    await page.waitForURL('**/home');
    expect(await page.getByTestId('home-identity').textContent()).toContain('系统管理员');
  });
});

describe('a department imports a 行政处罚 file and fixes what came back', () => {
  it('R-1.3.3 downloads the catalog template with the standard headers', async () => {
    await signIn(page, 'scjgj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.getByTestId('nav-batches').click();
    await page.getByTestId('upload-catalog').selectOption('ADMIN_PENALTY');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-link').click()]);
    expect(download.suggestedFilename()).toMatch(/行政处罚.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['行政相对人名称', '行政相对人类别']);
  });

  it('R-1.3.3 R-9.1 uploads the filled file and watches the batch come back with its suspect rows', async () => {
    const file = join(dir, '行政处罚_2026年10月.xlsx');
    // 12 rows: row 7 has a wrong USCC check character, row 13 lacks 违法事实.
    await writePenaltyXlsx(file, penaltyRows(12, { faultEvery: 6, prefix: `E${Date.now()}-` }));
    await signIn(page, 'scjgj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.goto(`${APP_URL}/batches`);
    await page.getByTestId('upload-catalog').selectOption('ADMIN_PENALTY');
    await page.getByTestId('upload-file').setInputFiles(file);
    await page.getByTestId('upload-submit').click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    batchUrl = page.url();
    await expect
      .poll(() => page.getByTestId('batch-status').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('RETURNED');
    await expect.poll(() => page.getByTestId('count-rowsSuspect').textContent()).toBe('2');
    expect(await page.getByTestId('count-rowsStored').textContent()).toBe('10');
  });

  it('R-2.3 R-9.2 finds the fix task in the department inbox, claims it and fixes the rows on screen', async () => {
    await signIn(page, 'scjgj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.goto(batchUrl);
    const batchNumber = (await page.getByTestId('batch-number').textContent())!.trim();
    await page.goto(`${APP_URL}/inbox?view=department`);
    const row = page.getByTestId('inbox-row').filter({ hasText: batchNumber });
    await row.getByTestId('claim-button').click();
    await row.waitFor({ state: 'detached' }); // claimed: it leaves the department's list
    await page.goto(`${APP_URL}/inbox?view=mine`);
    await page.getByTestId('inbox-row').filter({ hasText: batchNumber }).getByRole('link').first().click();
    await page.waitForURL(/\/tasks\//);
    taskUrl = page.url();

    const usccCell = page.locator('[data-row-number="7"] td[data-field=uscc]');
    expect(await usccCell.getAttribute('data-invalid')).toBe('true');
    const good = penaltyRows(6)[5]!.values.uscc!; // the same organisation's real code
    await usccCell.locator('input').fill(good);
    await page.locator('[data-row-number="13"] td[data-field=facts] input').fill('当事人未按规定公示年度报告。');
    await page.getByTestId('fix-submit').click();
    await expect.poll(() => page.getByTestId('fix-done').isVisible(), { timeout: 30_000 }).toBe(true);
  });

  it('R-2.2 shows the completed batch with its whole history', async () => {
    await signIn(page, 'scjgj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.goto(batchUrl);
    await expect
      .poll(() => page.getByTestId('batch-status').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('COMPLETED');
    const kinds = await page
      .getByTestId('batch-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['RECEIVED', 'PROCESSING', 'RETURNED', 'FIX_RESUBMITTED', 'COMPLETED']);
    expect(await page.getByTestId('count-rowsFixed').textContent()).toBe('2');
  });

  it('R-7.4 keeps the batch and the task from another department', async () => {
    await signIn(page, 'swj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    for (const url of [batchUrl, taskUrl]) {
      await page.goto(url);
      expect(await page.getByTestId('not-found').count()).toBe(1);
    }
  });
});
