// Sign-in protections as a person meets them in the built app: one message for a locked account,
// a copied session cookie refused after logout, and an administrator who must enrol a TOTP authenticator
// and then give a code at every sign-in.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../lib/auth/totp';
import { db } from '../../lib/db';
import { APP_URL, launchBrowser, signIn } from '../support/browser';
import { createTestUser } from '../support/users';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
beforeEach(async () => {
  page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

async function loginError(p: Page): Promise<string> {
  await p.getByTestId('login-error').waitFor();
  return (await p.getByTestId('login-error').textContent()) ?? '';
}

describe('sign-in', () => {
  it('R-8.2 answers a locked account, a wrong password and an unknown user with the same message', async () => {
    const u = await createTestUser();
    await signIn(page, `nobody_${Date.now()}`, 'Whatever-2026!');
    const unknown = await loginError(page);
    await signIn(page, u.username, 'wrong-password');
    const wrong = await loginError(page);
    for (let i = 0; i < 4; i++) {
      await signIn(page, u.username, 'wrong-password');
      await loginError(page);
    }
    await signIn(page, u.username, u.password); // right password, locked account
    const locked = await loginError(page);
    expect(new Set([unknown, wrong, locked]).size).toBe(1);
    expect(locked).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');
  });

  it('R-8.2 refuses a copied session cookie once its owner logged out', async () => {
    const u = await createTestUser();
    await signIn(page, u.username, u.password);
    await page.waitForURL('**/home');
    const copy = await (await browser.newContext()).newPage();
    await copy.context().addCookies(await page.context().cookies());
    await copy.goto(`${APP_URL}/home`);
    expect(copy.url()).toContain('/home'); // the copy works while the session lives…
    await page.getByTestId('logout-button').click();
    await page.waitForURL('**/login');
    await copy.goto(`${APP_URL}/home`);
    await copy.waitForURL('**/login'); // …and not after logout
    await copy.context().close();
  });
});

describe('TOTP for administrators', () => {
  it('R-8.2 makes an administrator enrol an authenticator, then asks for a fresh code at every sign-in', async () => {
    const admin = await createTestUser({ roles: ['SECURITY_ADMIN'] });
    await signIn(page, admin.username, admin.password);
    await page.waitForURL('**/account/totp');
    await page.goto(`${APP_URL}/home`);
    await page.waitForURL('**/account/totp'); // the password alone opens nothing
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now()));
    await page.getByTestId('totp-submit').click();
    await page.waitForURL('**/home');

    await page.getByTestId('logout-button').click();
    await page.waitForURL('**/login');
    await signIn(page, admin.username, admin.password);
    await page.waitForURL('**/login/totp');
    await page.goto(`${APP_URL}/inbox`);
    await page.waitForURL('**/login/totp');
    await page.getByLabel('动态验证码').fill('000000');
    await page.getByTestId('totp-submit').click();
    await expect.poll(() => page.getByTestId('totp-error').textContent()).toContain('验证码不正确');
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now() + 30_000));
    await page.getByTestId('totp-submit').click();
    await page.waitForURL('**/home');
  });
});
