// 双公示 and the credit report in Chromium (issue 13, R-6.1, R-6.2): a visitor filters the penalty list down to
// one record and opens the licence tab; downloads an organisation's report PDF (its text read with pdftotext),
// then verifies it on the verification page the QR code leads to — and a wrong check code is refused. Both
// pages are photographed at desktop and phone widths and pass axe-core without serious or critical findings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { APP_URL, launchBrowser } from '../support/browser';
import { seedReportFixture, type ReportFixture } from '../support/report-data';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const AXE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

let browser: Browser;
let fx: ReportFixture;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  fx = await seedReportFixture();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

async function newPage(viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], locale: 'zh-CN' });
  return context.newPage();
}

/** axe-core run in the page (evaluated over the DevTools protocol, so the page's CSP does not block it). */
async function expectAccessible(page: Page): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}

describe('双公示 and the credit report', () => {
  it('R-6.2 a visitor filters the 双公示 penalty list by department, date and category, and opens the licence tab', async () => {
    const page = await newPage('desktop');
    await page.goto(`${APP_URL}/publicity`);
    await expect(page.getByRole('heading', { level: 1, name: '双公示' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('决定部门').selectOption(fx.deptCode);
    await page.getByLabel('处罚类别').selectOption('03');
    await page.getByLabel('决定日期自').fill(fx.penaltyDay);
    await page.getByLabel('决定日期至').fill(fx.penaltyDay);
    await page.getByTestId('publicity-submit').click();
    await page.waitForURL(/category=03/);
    const item = page.getByTestId('publicity-item').filter({ hasText: fx.penalty.number });
    await item.waitFor();
    expect(await item.getByRole('link', { name: fx.name }).getAttribute('href')).toBe(
      `/org/${fx.subjectId}/records/${fx.penalty.id}`,
    );
    expect(await page.getByTestId('publicity-item').filter({ hasText: fx.withdrawn.number }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'publicity-desktop.png'), fullPage: true });
    await expectAccessible(page);

    await page.getByTestId('publicity-tab-license').click();
    await page.waitForURL(/type=license/);
    await expect(page.getByLabel('许可类别').isVisible()).resolves.toBe(true);

    const phone = await newPage('phone');
    await phone.goto(`${APP_URL}/publicity?type=penalty&from=${fx.penaltyDay}&to=${fx.penaltyDay}`);
    await phone.getByTestId('publicity-item').first().waitFor();
    await phone.screenshot({ path: join(SHOTS, 'publicity-phone.png'), fullPage: true });
    await expectAccessible(phone);
  }, 120_000);

  it('R-6.1 a visitor downloads the report PDF, reads it, and verifies it on the page its QR code opens', async () => {
    const page = await newPage('desktop');
    await page.goto(`${APP_URL}/publicity`);
    const res = await page.request.get(`${APP_URL}/api/public/subjects/${fx.subjectId}/report`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'e2e-report-')), 'report.pdf');
    writeFileSync(file, await res.body());
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(fx.name);
    expect(text).toContain('查询期内无相关信息');
    const number = /报告编号\s+(WZ\d{16})/.exec(text)?.[1];
    const checkCode = /校验码\s+([2-9A-Z]{8})/.exec(text)?.[1];
    expect(number).toBeTruthy();
    expect(checkCode).toBeTruthy();

    // The QR code's link: the number is filled in, the check code is typed.
    await page.goto(`${APP_URL}/report/verify?number=${number}`);
    expect(await page.getByLabel('报告编号').inputValue()).toBe(number);
    await page.getByLabel('校验码').fill('ZZZZZZZZ');
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-error').textContent()).resolves.toContain('无法核验');

    await page.getByLabel('校验码').fill(checkCode!);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-result').waitFor();
    expect(await page.getByTestId('verify-subject').textContent()).toBe(fx.name);
    expect(await page.getByTestId('verify-result').textContent()).toContain('行政管理信息');
    await page.screenshot({ path: join(SHOTS, 'report-verify-desktop.png'), fullPage: true });
    await expectAccessible(page);

    const phone = await newPage('phone');
    await phone.goto(`${APP_URL}/report/verify?number=${number}`);
    await phone.getByLabel('校验码').fill(checkCode!);
    await phone.getByTestId('verify-submit').click();
    await phone.getByTestId('verify-result').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'report-verify-phone.png'), fullPage: true });
    await expectAccessible(phone);
  }, 120_000);
});
