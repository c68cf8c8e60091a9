// Administration by hand in a real browser: a system administrator creates a department and a
// user, a security administrator creates a role with a column grant on shared data and gives it to the user
// (三权分立: neither could do the other's part), and the new user sees exactly what the grant allows.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../lib/auth/totp';
import { db } from '../../lib/db';
import { makeUser, PASSWORD, recordsOf, uid } from '../support/admin';
import { APP_URL, launchBrowser, signIn } from '../support/browser';

const n = uid();
const DEPT = { code: `E2E_${n.toUpperCase()}`, name: `信用共享查询科${n}` };
const ROLE = { code: `SHARED_E2E_${n.toUpperCase()}`, name: `市场监管共享查询${n}` };
const VIEWER = {
  username: `viewer_${n}`,
  name: `共享查询员${n}`,
  initial: 'Initial-Pass-2026',
  next: 'Viewer-Pass-2026!',
};
const GRANTED = ['subjectName', 'decisionNumber', 'penaltyContent'];

let browser: Browser;
const contexts: BrowserContext[] = [];
let sysAdmin: Page;
let security: Page;
let scjgj: { recordIds: string[] };
let swj: { recordIds: string[] };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  // A shared 2-core test machine can be slow to answer; a page that never comes still fails, later.
  context.setDefaultTimeout(60_000);
  contexts.push(context);
  return context.newPage();
}

/** Signs an administrator in through every step the app asks for (TOTP enrolment at the first sign-in). */
async function signInAdmin(page: Page, username: string): Promise<void> {
  await signIn(page, username, PASSWORD);
  await page.waitForURL(/\/(account\/totp|login\/totp|home)/);
  if (page.url().includes('/account/totp')) {
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('动态验证码').fill(totpCode(secret, Date.now()));
    await page.getByTestId('totp-submit').click();
  }
  await page.waitForURL('**/home');
}

beforeAll(async () => {
  browser = await launchBrowser();
  // Two administrators of the county besides the seeded ones, so this test never depends on the seeded
  // accounts' first-login state, which other tests change.
  const [sys, sec] = [await makeUser(['SYS_ADMIN']), await makeUser(['SECURITY_ADMIN'])];
  [scjgj, swj] = [await recordsOf('scjgj01', 3), await recordsOf('swj01', 2)];
  sysAdmin = await newPage();
  security = await newPage();
  await signInAdmin(sysAdmin, sys.username);
  await signInAdmin(security, sec.username);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await db.$disconnect();
});

describe('an administrator sets up a shared-data user', () => {
  it('R-7.1 the system administrator creates a department under the credit centre', async () => {
    const xyzx = await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } });
    await sysAdmin.goto(`${APP_URL}/admin/departments`);
    await sysAdmin.getByTestId('dept-create-parentId').selectOption(xyzx.id);
    await sysAdmin.getByTestId('dept-create-code').fill(DEPT.code);
    await sysAdmin.getByTestId('dept-create-name').fill(DEPT.name);
    await sysAdmin.getByTestId('dept-create-submit').click();
    await sysAdmin.waitForURL(/\/admin\/departments\?id=/);
    await expect.poll(() => sysAdmin.getByTestId('dept-detail').textContent()).toContain(DEPT.name);
    expect(await sysAdmin.locator(`[data-testid=dept-node][data-code=XYZX] [data-code=${DEPT.code}]`).count()).toBe(1);
  });

  it('R-7.3 R-7.4 the security administrator creates a SHARED role with a column grant', async () => {
    const scjgjDept = await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } });
    await security.goto(`${APP_URL}/admin/roles`);
    await security.getByTestId('role-create-code').fill(ROLE.code);
    await security.getByTestId('role-create-name').fill(ROLE.name);
    await security.getByTestId('role-create-dataScope').selectOption('SHARED');
    await security.getByTestId(`role-create-sharedDepartmentIds-${scjgjDept.id}`).check();
    await security.getByTestId('role-create-permissions-record:view').check();
    await security.getByTestId('role-create-submit').click();
    await security.waitForURL(/\/admin\/roles\/[0-9a-f-]{36}$/);
    for (const key of GRANTED) await security.getByTestId(`grant-ADMIN_PENALTY-fieldKeys-${key}`).check();
    // A restricted personal field cannot even be ticked.
    expect(await security.getByTestId('grant-ADMIN_PENALTY-fieldKeys-legalRepIdNumber').isDisabled()).toBe(true);
    await security.getByTestId('grant-ADMIN_PENALTY-submit').click();
    await security.getByTestId('grant-ADMIN_PENALTY-done').waitFor();
  });

  it('R-7.2 the system administrator creates the user, who must change the initial password', async () => {
    const dept = await db.department.findUniqueOrThrow({ where: { code: DEPT.code } });
    await sysAdmin.goto(`${APP_URL}/admin/users`);
    await sysAdmin.getByTestId('user-create-username').fill(VIEWER.username);
    await sysAdmin.getByTestId('user-create-displayName').fill(VIEWER.name);
    await sysAdmin.getByTestId('user-create-departmentId').selectOption(dept.id);
    await sysAdmin.getByTestId('user-create-initialPassword').fill(VIEWER.initial);
    await sysAdmin.getByTestId('user-create-submit').click();
    await sysAdmin.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await expect.poll(() => sysAdmin.getByTestId('user-title').textContent()).toContain(VIEWER.name);
    // 三权分立: the system administrator has no way to give the user a role.
    expect(await sysAdmin.getByTestId('user-roles-form').count()).toBe(0);
  });

  it('R-7.2 R-7.3 the security administrator gives the user the role', async () => {
    const role = await db.role.findUniqueOrThrow({ where: { code: ROLE.code } });
    await security.goto(`${APP_URL}/admin/users?q=${VIEWER.username}`);
    await security.locator(`[data-testid=user-row][data-username=${VIEWER.username}] a`).click();
    await security.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await security.getByTestId(`user-roles-form-roleIds-${role.id}`).check();
    await security.getByTestId('user-roles-form-submit').click();
    await expect.poll(() => security.getByTestId('user-roles').textContent()).toContain(ROLE.name);
    // 三权分立 the other way round: the security administrator cannot disable or reset the account.
    expect(await security.getByTestId('user-disable').count()).toBe(0);
    expect(await security.getByTestId('user-password').count()).toBe(0);
  });
});

describe('the new user', () => {
  let viewer: Page;

  beforeAll(async () => {
    viewer = await newPage();
    await signIn(viewer, VIEWER.username, VIEWER.initial);
    await viewer.waitForURL('**/change-password');
    await viewer.getByLabel('当前密码').fill(VIEWER.initial);
    await viewer.getByLabel('新密码', { exact: true }).fill(VIEWER.next);
    await viewer.getByLabel('确认新密码').fill(VIEWER.next);
    await viewer.getByTestId('change-password-submit').click();
    await viewer.waitForURL('**/login?changed=1');
    await signIn(viewer, VIEWER.username, VIEWER.next);
    await viewer.waitForURL('**/home');
  });

  it('R-7.4 R-3.2 sees the shared department’s records in exactly the granted columns', async () => {
    expect(await viewer.getByTestId('nav-admin').count()).toBe(0);
    await viewer.getByTestId('nav-records').click();
    await viewer.waitForURL('**/records');
    const columns = await viewer
      .getByTestId('record-col')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(columns).toEqual(GRANTED);
    const providers = await viewer.getByTestId('record-provider').allTextContents();
    expect(providers.length).toBeGreaterThan(0);
    expect(new Set(providers.map((p) => p.trim()))).toEqual(new Set(['县市场监管局']));
    // Exactly the shared department's records: the page's total is what the database holds for it
    // (bracketed, as an earlier test's import may still be storing rows).
    const scjgjDept = await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } });
    const count = () =>
      db.creditRecord.count({
        where: {
          providerDeptId: scjgjDept.id,
          catalogVersion: { catalog: { code: 'ADMIN_PENALTY' } },
          // Controlled subjects' records never reach a shared view (R-2.5; the demo data has one).
          OR: [{ subjectId: null }, { subject: { restricted: false } }],
        },
      });
    const before = await count();
    await viewer.reload();
    const shown = Number((await viewer.getByTestId('pagination-status').textContent())!.match(/共 (\d+) 条/)![1]);
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(await count());
    const html = await viewer.content();
    expect(html).not.toContain('违法事实'); // an ungranted column's header
  });

  it('R-7.4 gets the same answer from the API, and nothing of a department not shared with it', async () => {
    const own = await viewer.request.get(`${APP_URL}/api/records/${scjgj.recordIds[0]}`);
    expect(own.status()).toBe(200);
    expect(Object.keys(((await own.json()) as { values: object }).values).sort()).toEqual([...GRANTED].sort());
    expect((await viewer.request.get(`${APP_URL}/api/records/${swj.recordIds[0]}`)).status()).toBe(404);
    expect((await viewer.request.get(`${APP_URL}/api/admin/users`)).status()).toBe(403);
    await viewer.goto(`${APP_URL}/admin/roles`);
    expect(await viewer.getByTestId('forbidden').count()).toBe(1);
  });
});
