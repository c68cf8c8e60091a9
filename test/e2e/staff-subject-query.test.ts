// The staff subject query in a real browser: a credit-centre user searches a subject by a
// name fragment, opens it, switches between its catalogs and pages with the keyset pager; screenshots at
// desktop and phone widths; axe-core finds no serious or critical violation.
import { mkdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { makeUscc } from '../../lib/identifiers/uscc';
import { launchBrowser, signIn } from '../support/browser';
import { createTestUser } from '../support/users';

const tag = randomBytes(3).toString('hex').toUpperCase();
const NAME = `界面查询${tag}建设有限公司`;
const SHOTS = 'test-results/screenshots';
let browser: Browser;
let page: Page;
let user: { username: string; password: string };
let subjectId: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const scjgj = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } })).id;
  subjectId = (
    await db.subject.create({
      data: { kind: 'ORG', name: NAME, uscc: makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase()) },
    })
  ).id;
  // 25 行政处罚 (two pages) and 2 行政许可 records of the subject.
  for (const [code, n] of [
    ['ADMIN_PENALTY', 25],
    ['ADMIN_LICENSE', 2],
  ] as const) {
    const catalog = await db.catalog.findUniqueOrThrow({ where: { code } });
    const version = await db.catalogVersion.findFirstOrThrow({
      where: { catalogId: catalog.id, status: 'PUBLISHED' },
      orderBy: { version: 'desc' },
    });
    const batch = await db.importBatch.create({
      data: {
        number: `E2E-SSQ-${tag}-${code}`,
        catalogVersionId: version.id,
        providerDeptId: scjgj,
        source: 'MANUAL',
        workflowId: `e2e-ssq-${tag}-${code}`,
        status: 'COMPLETED',
      },
    });
    await db.creditRecord.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        catalogId: catalog.id,
        catalogVersionId: version.id,
        subjectId,
        providerDeptId: scjgj,
        batchId: batch.id,
        rowNumber: i + 2,
        naturalKey: `e2e-ssq-${tag}-${code}-${i}`,
        fingerprint: `e2e-ssq-${tag}-${code}-${i}`,
        data: { subjectName: NAME, decisionNumber: `武市监〔2026〕${tag}-${i}号` },
        decisionDate: new Date('2026-03-15T00:00:00Z'),
        publicityStart: new Date('2026-03-15T00:00:00Z'),
        publicityEnd: new Date(i === 0 ? '2026-04-01T00:00:00Z' : '2099-01-01T00:00:00Z'),
        createdAt: new Date(Date.parse('2026-06-01T08:00:00Z') + i * 1000),
      })),
    });
  }
  user = await createTestUser({ roles: ['CENTRE_STAFF'] });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60_000);
  page = await context.newPage();
  await signIn(page, user.username, user.password);
  await page.waitForURL('**/home');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

async function axeSerious(p: Page): Promise<string[]> {
  await p.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const result = await p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } })
      .axe;
    return axe.run();
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/** Waits for a list of n records (navigation on a shared test machine can take seconds). */
const rowsShown = (n: number) => expect.poll(() => page.getByTestId('record-row').count(), { timeout: 30_000 }).toBe(n);

async function shoot(p: Page, name: string) {
  await p.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
  await p.setViewportSize({ width: 390, height: 844 });
  await p.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  await p.setViewportSize({ width: 1280, height: 900 });
}

describe('主体查询 in the browser', () => {
  it('R-6.1 searches by a name fragment from the menu and opens the subject', async () => {
    await page.getByRole('link', { name: '主体查询' }).first().click();
    await page.waitForURL('**/subjects');
    await page.getByLabel(/主体名称/).fill(`界面查询${tag}`);
    await page.getByTestId('subject-submit').click();
    await expect.poll(() => page.getByTestId('subject-row').count(), { timeout: 30_000 }).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    await shoot(page, 'staff-subject-search');
    await page.getByTestId('subject-link').click();
    await page.waitForURL(`**/subjects/${subjectId}`);
    expect(await page.getByTestId('subject-name').textContent()).toBe(NAME);
  });

  it('R-3.2 shows each catalog as a tab with its count, pages by keyset and switches catalog', async () => {
    const tabs = await page.getByTestId('subject-tab').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['行政处罚（25）', '行政许可（2）']));
    await page.locator('[data-testid=subject-tab][data-catalog=ADMIN_PENALTY]').click();
    await rowsShown(20);
    expect(await page.getByTestId('record-hidden').allTextContents()).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await shoot(page, 'staff-subject-view');
    await page.getByTestId('pagination-next').click();
    await rowsShown(5);
    // The oldest record's window has ended: staff see why it is no longer public.
    expect(await page.getByTestId('record-hidden').allTextContents()).toEqual(['公示期满']);
    await page.getByTestId('pagination-first').click();
    await rowsShown(20);
    await page.locator('[data-testid=subject-tab][data-catalog=ADMIN_LICENSE]').click();
    await rowsShown(2);
    expect(await page.locator('[data-testid=subject-tab][aria-current=page]').textContent()).toBe('行政许可（2）');
  });
});
