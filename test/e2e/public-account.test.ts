// A person registers on the public site in Chromium: the code arrives at the real SMTP server the app
// sends to (the stack's loopback sink, whose mailbox is MAIL_SINK_DIR), verifies, lands in 个人中心 and sees their
// own record that is not public; signs out and in again. Screenshots of both pages at desktop and phone widths;
// axe-core finds no serious or critical violation.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentVersionId } from '../../lib/catalog/load';
import { sealIdentifier, sealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { makeIdNumber } from '../../lib/identifiers/id-number';
import { readMailbox } from '../../lib/mail/sink';
import { APP_URL, launchBrowser } from '../support/browser';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'Gongzhong-E2E-2026!';
const idNumber = makeIdNumber(
  '410823',
  `1990${String(randomInt(1, 13)).padStart(2, '0')}15`,
  String(randomInt(100, 999)),
);
const email = `e2e${randomBytes(4).toString('hex')}@example.test`;
const secret = `武陟县詹店镇端到端路${randomInt(1, 999)}号`;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The person's own record, in a catalog that is never public (自然人基本信息).
  const { hash, sealed } = sealIdentifier('ID_NUMBER', idNumber);
  const person = await db.subject.create({
    data: { kind: 'PERSON', name: '周自查', idNumberHash: hash, idNumberSealed: sealed },
  });
  const versionId = await currentVersionId(db, 'PERSON_BASIC');
  const version = await db.catalogVersion.findUniqueOrThrow({ where: { id: versionId } });
  const dept = await db.department.findUniqueOrThrow({ where: { code: 'GAJ' } });
  const t = randomBytes(4).toString('hex');
  const batch = await db.importBatch.create({
    data: {
      number: `E2E-SELF-${t}`,
      catalogVersionId: versionId,
      providerDeptId: dept.id,
      source: 'MANUAL',
      workflowId: `e2e-self-${t}`,
      status: 'COMPLETED',
    },
  });
  await db.creditRecord.create({
    data: {
      catalogId: version.catalogId,
      catalogVersionId: versionId,
      subjectId: person.id,
      providerDeptId: dept.id,
      naturalKey: `e2e-self-${t}`,
      fingerprint: `e2e-self-${t}`,
      data: { nation: '汉族' },
      sealed: sealJson({ address: secret }),
      batchId: batch.id,
      rowNumber: 1,
    },
  });
  browser = await launchBrowser();
  // bypassCSP: axe-core is injected as a script tag; the app's own policy stays as it is for the app.
  page = await (await browser.newContext({ locale: 'zh-CN', bypassCSP: true })).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

async function shoot(name: string): Promise<void> {
  for (const [suffix, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `${name}-${suffix}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } })
      .axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

async function codeFromMailbox(): Promise<string> {
  const dir = process.env.MAIL_SINK_DIR;
  if (!dir) throw new Error('MAIL_SINK_DIR is not set: the stack did not start its mail sink');
  await expect.poll(() => readMailbox(dir).some((m) => m.to.includes(email)), { timeout: 30_000 }).toBe(true);
  const mail = readMailbox(dir)
    .filter((m) => m.to.includes(email))
    .at(-1)!;
  return mail.text.match(/验证码为：(\d{6})/)![1]!;
}

describe('public account', () => {
  it('R-6.1 registers, verifies by the mailed code, signs in and sees the own non-public record', async () => {
    // 个人中心 in the header leads a signed-out visitor to the sign-in page.
    await page.goto(`${APP_URL}/`);
    await page.getByTestId('public-account-link').click();
    await page.waitForURL('**/signin');
    await page.getByRole('link', { name: '实名注册' }).click();
    await page.waitForURL('**/register');
    await expect.poll(() => page.getByTestId('sms-unavailable').textContent()).toContain('短信验证暂未开通');
    await shoot('public-register');
    expect(await seriousViolations()).toEqual([]);

    await page.getByLabel('姓名').fill('周自查');
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByRole('textbox', { name: '电子邮箱' }).fill(email);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('verify-form').waitFor();
    const code = await codeFromMailbox();
    await page.getByLabel('验证码').fill(code);
    await page.getByTestId('verify-submit').click();
    await page.waitForURL('**/account');

    await expect.poll(() => page.getByTestId('account-overview').textContent()).toContain('周自查');
    const records = page.getByTestId('own-record');
    await expect.poll(() => records.first().textContent()).toContain(secret);
    expect(await records.first().textContent()).toContain('未公示');
    await shoot('public-account');
    expect(await seriousViolations()).toEqual([]);
    // Nothing personal in browser storage.
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain(secret);

    await page.getByTestId('public-signout').click();
    await page.waitForURL('**/signin');
    await page.goto(`${APP_URL}/account`);
    await page.waitForURL('**/signin');
    await page.getByLabel('身份证号或电子邮箱').fill(idNumber);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL('**/account');
    await expect.poll(() => page.getByTestId('own-record').first().textContent()).toContain(secret);
  });
});
