// Sign-in protections as a person meets them in the built app: one message for a locked account,
// a copied session cookie refused after logout, an administrator who must enrol a TOTP authenticator
// and then give a code at every sign-in, and a Content-Security-Policy under which only the app's own scripts run.
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

describe('Content-Security-Policy', () => {
  function scriptSrc(res: Response): string {
    const policy = res.headers.get('content-security-policy') ?? '';
    return (
      policy
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src ')) ?? ''
    );
  }
  const nonceOf = (directive: string) => /'nonce-([^']+)'/.exec(directive)?.[1];

  it("R-8.2 gives every page a fresh script nonce, on each of its scripts, and no 'unsafe-inline' for scripts", async () => {
    const first = await fetch(`${APP_URL}/login`);
    const directive = scriptSrc(first);
    const nonce = nonceOf(directive);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(directive).not.toContain("'unsafe-inline'");
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(nonceOf(scriptSrc(await fetch(`${APP_URL}/login`)))).not.toBe(nonce);
  });

  it('R-8.2 blocks an inline script injected into a page in Chromium, while the app still works', async () => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    // As stored XSS would: the server's own response and policy, with a script without the nonce in the markup.
    await page.route(`${APP_URL}/login`, async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      const body = (await res.text()).replace('</body>', '<script>window.__injected = true</script></body>');
      await route.fulfill({ status: res.status(), headers, body });
    });
    await page.goto(`${APP_URL}/login`);
    // Next's runtime (nonce-bearing inline scripts and the chunks they load) ran and hydrated the page…
    await page.waitForFunction(() => typeof (window as { next?: { version?: string } }).next?.version === 'string');
    // …the injected script did not.
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(violations.some((v) => v.includes('inline script'))).toBe(true);
    await page.unroute(`${APP_URL}/login`);
    const u = await createTestUser();
    await signIn(page, u.username, u.password);
    await page.waitForURL('**/home');
  });
});
