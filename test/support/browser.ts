// Headless Chromium for the e2e tier (playwright-core with the machine's Chromium; never a downloaded one).
import { chromium, type Browser, type Page } from 'playwright-core';

export const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    // The closed network refuses Chromium's background connections; these flags stop it from trying.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${APP_URL}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}
