// The public search in Chromium (issue 13, R-6.1, R-6.2, R-2.5): a two-character name fragment and a code find
// organisations; a profile shows only public, in-period records (the demo's expired penalty and its restricted
// organisation show nothing); screenshots of home, results and profile at desktop and phone widths; axe-core
// finds no serious or critical accessibility violation on each.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { generateOrganisations } from '../../prisma/seed-data/organisations';
import { seedReportFixture } from '../support/report-data';
import { DEMO_RESTRICTED_ORG } from '../../prisma/seed-data/public-records';
import { APP_URL, launchBrowser } from '../support/browser';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const AXE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const orgs = generateOrganisations(300);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

/** axe-core on the current page: violations of impact serious or critical, by rule id. */
async function seriousViolations(p: Page): Promise<string[]> {
  await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run();
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Screenshots at both widths and the accessibility check at each. */
async function capture(name: string, url: string): Promise<void> {
  for (const [size, viewport] of Object.entries(WIDTHS)) {
    await page.setViewportSize(viewport);
    await page.goto(url);
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  }
}

describe('public search in the browser', () => {
  it('R-6.1 the home page searches a two-character fragment and marks it in every result', async () => {
    await capture('public-home', `${APP_URL}/`);
    await expect.poll(() => page.getByTestId('total-orgs').textContent()).toMatch(/\d/);
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto(`${APP_URL}/`);
    await page.getByLabel('企业名称或统一社会信用代码').fill('食品');
    await page.getByTestId('search-submit').click();
    await page.waitForURL('**/search?q=*');
    const results = page.getByTestId('search-result');
    expect(await results.count()).toBeGreaterThan(0);
    for (const mark of await page.getByTestId('search-highlight').allTextContents()) expect(mark).toBe('食品');
    await capture('public-search', `${APP_URL}/search?q=${encodeURIComponent('食品')}`);
  });

  it('R-6.1 a search that finds nothing says so and suggests what to try', async () => {
    await page.goto(`${APP_URL}/search?q=${encodeURIComponent('不存在的名称龘')}`);
    await expect.poll(() => page.getByTestId('search-empty').textContent()).toContain('未找到');
  });

  it('R-6.1 R-6.2 search by code, open the profile: only in-period records, the expired penalty absent', async () => {
    // An organisation of this test's own (the demo organisations also receive what other test files import):
    // a licence and a penalty in their publicity period, an expired and a withdrawn penalty.
    const f = await seedReportFixture();
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto(`${APP_URL}/search`);
    await page.getByLabel('企业名称或统一社会信用代码').fill(f.uscc);
    await page.getByTestId('search-submit').click();
    await page.getByRole('link', { name: f.name }).click();
    await page.waitForURL('**/org/*');
    expect(await page.getByTestId('org-name').textContent()).toBe(f.name);
    expect(await page.getByTestId('count-license').textContent()).toBe('1');
    expect(await page.getByTestId('count-penalty').textContent()).toBe('1');
    await page.getByTestId('tab-penalty').click();
    await expect.poll(() => page.getByTestId('tab-record').count()).toBe(1);
    const penalties = await page.getByTestId('tab-record').textContent();
    expect(penalties).toContain(f.penalty.number);
    expect(await page.content()).not.toContain(f.expired.number);
    expect(await page.content()).not.toContain(f.withdrawn.number);
    await page.getByTestId('tab-license').click();
    await expect.poll(() => page.getByTestId('tab-record').count()).toBe(1);
    await page.getByTestId('tab-record').getByRole('link').click();
    await expect.poll(() => page.getByTestId('record-fields').textContent()).toContain('许可');
    const url = page.url();
    await capture('public-record', url);
    const profile = url.replace(/\/records\/.*$/, '');
    await capture('public-profile', profile);
    await capture('public-profile-licences', `${profile}?tab=license`);
  });

  it('R-6.1 the profile names the legal representative masked', async () => {
    const o = orgs[2]!;
    await page.goto(`${APP_URL}/search?q=${o.uscc}`);
    await page.getByRole('link', { name: o.name }).click();
    await page.waitForURL('**/org/*');
    const rep = await page.getByTestId('legal-rep').textContent();
    expect(rep).toContain('*');
    expect(rep).not.toContain(o.legalRep.name);
  });

  it('R-2.5 a restricted organisation is found, but its profile shows no record', async () => {
    const o = orgs[DEMO_RESTRICTED_ORG]!;
    await page.goto(`${APP_URL}/search?q=${o.uscc}`);
    await page.getByRole('link', { name: o.name }).click();
    await page.waitForURL('**/org/*');
    for (const tab of ['license', 'penalty']) expect(await page.getByTestId(`count-${tab}`).textContent()).toBe('0');
    expect(await page.content()).not.toContain('受控');
  });

  it('R-6.1 the person query needs both fields and says so in Chinese', async () => {
    await page.goto(`${APP_URL}/person`);
    await page.getByLabel('姓名').fill(orgs[1]!.legalRep.name);
    await page.getByTestId('person-submit').click();
    await expect.poll(() => page.getByTestId('person-error').textContent()).toContain('身份证号');
    await page.getByLabel('身份证号').fill(orgs[1]!.legalRep.idNumber);
    await page.getByTestId('person-submit').click();
    await expect.poll(() => page.getByTestId('person-empty').isVisible()).toBe(true);
    await capture('public-person', `${APP_URL}/person`);
  });
});
