// Manual entry in a real browser against the built app: a department operator enters
// two 行政处罚 rows in the form generated from the catalog, sees a wrong value refused at once in Chinese,
// submits the session list, and lands on the batch that the import workflow completes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPenaltyCatalog } from '../../prisma/seed-data/catalogs';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { launchBrowser, signIn } from '../support/browser';
import { penaltyRows } from '../support/penalty-data';

let browser: Browser;
let page: Page;
const enumKeys = new Set(adminPenaltyCatalog.fields.filter((f) => f.type === 'ENUM').map((f) => f.key));

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function fillRow(values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const input = page.getByTestId(`entry-field-${key}`);
    if (enumKeys.has(key)) await input.selectOption(value);
    else await input.fill(value);
  }
}

describe('manual entry of 行政处罚', () => {
  const [first, second] = penaltyRows(2, { prefix: `W${Date.now()}-` }).map((r) => r.values);

  it('R-1.3.2 R-3.1 opens the form generated from the catalog the department provides', async () => {
    await signIn(page, 'scjgj01', DEMO_PASSWORD);
    await page.waitForURL('**/home');
    await page.getByTestId('nav-entry').click();
    await page.waitForURL('**/entry');
    await page.locator('[data-testid="entry-catalog"][data-code="ADMIN_PENALTY"]').click();
    await page.waitForURL('**/entry/ADMIN_PENALTY');
    expect(await page.getByTestId('entry-field-penaltyCategory').evaluate((e) => e.tagName)).toBe('SELECT');
    expect(await page.getByTestId('entry-field-decisionDate').getAttribute('type')).toBe('date');
  });

  it('R-1.3.2 R-2.1 refuses a row with missing required fields and shows why in Chinese', async () => {
    await page.getByTestId('entry-add').click();
    await expect.poll(() => page.getByTestId('entry-error-subjectName').textContent()).toBe('行政相对人名称不能为空');
    expect(await page.getByTestId('entry-count').textContent()).toBe('0');
  });

  it('R-1.3.2 R-2.1 checks a value as soon as it is entered, with the import’s own rules', async () => {
    await fillRow(first!);
    await page.getByTestId('entry-add').click();
    await expect.poll(() => page.getByTestId('entry-count').textContent()).toBe('1');

    const badUscc = second!.uscc!.slice(0, 17) + (second!.uscc!.endsWith('1') ? '2' : '1');
    await fillRow({ ...second!, uscc: badUscc });
    await page.getByTestId('entry-field-uscc').press('Tab');
    await expect.poll(() => page.getByTestId('entry-error-uscc').textContent()).toContain('统一社会信用代码校验位错误');
    await page.getByTestId('entry-field-fineAmount').fill('-3');
    await page.getByTestId('entry-field-fineAmount').press('Tab');
    await expect
      .poll(() => page.getByTestId('entry-error-fineAmount').textContent())
      .toBe('罚款金额（万元）不能为负数');

    await page.getByTestId('entry-field-uscc').fill(second!.uscc!);
    await page.getByTestId('entry-field-fineAmount').fill(second!.fineAmount!);
    await expect.poll(() => page.getByTestId('entry-error-uscc').count()).toBe(0);
    await page.getByTestId('entry-add').click();
    await expect.poll(() => page.getByTestId('entry-count').textContent()).toBe('2');
    expect(await page.getByTestId('entry-row').count()).toBe(2);
  });

  it('R-1.3.2 R-9.1 submits the two rows as one batch that the import workflow completes', async () => {
    await page.getByTestId('entry-submit').click();
    await page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('batch-number').textContent()).toMatch(/^PC\d{8}-\d{6}$/);
    // The generated file is the batch's file, named after the catalog and the session.
    expect(await page.getByText(/手工录入_行政处罚_\d{12}_[0-9a-f]{8}\.xlsx/).count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('batch-status').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('COMPLETED');
    expect(await page.getByTestId('count-rowsStored').textContent()).toBe('2');
    expect(await page.getByTestId('count-rowsSuspect').textContent()).toBe('0');
  });
});
