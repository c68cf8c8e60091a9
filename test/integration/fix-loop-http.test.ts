// The fix loop's routes through the real app: each route checks the permission and the
// task's owner on the server — a department cannot decide the centre's review or send centre feedback, the
// offline file is the providing department's alone — and the settings page is for administrators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { submitExplanations } from '../../lib/suspects/explain';
import { getFixTask } from '../../lib/suspects/fix-task';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { uploadRows, waitForOpenTask } from '../support/fix-loop';
import { signInHttp, type HttpSession } from '../support/http-session';
import { penaltyRows } from '../support/penalty-data';
import { createTestUser } from '../support/users';

const s: Record<string, HttpSession> = {};
let fixTask: string;
let reviewTask: string;
let recordId: string;

beforeAll(async () => {
  const batchId = await uploadRows('scjgj01', penaltyRows(4, { faultEvery: 2, prefix: `HT${Date.now()}-` }));
  fixTask = `suspect-fix-${batchId}:fix`;
  await waitForOpenTask(fixTask);
  recordId = (await db.creditRecord.findFirstOrThrow({ where: { batchId } })).id;
  for (const u of ['scjgj01', 'scjgj_lead', 'swj01', 'xyzx01']) s[u] = await signInHttp(u, DEMO_PASSWORD);
});
afterAll(() => db.$disconnect());

const api = (taskId: string, rest: string) => `/api/tasks/${encodeURIComponent(taskId)}/${rest}`;

describe('fix-loop routes', () => {
  it('R-2.3 R-7.4 serves the offline file to the providing department only', async () => {
    const ok = await s.scjgj01!.fetch(api(fixTask, 'suspects.xlsx'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('spreadsheetml');
    expect(ok.headers.get('content-disposition')).toContain(encodeURIComponent('置疑数据_'));
    expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await s.scjgj_lead!.fetch(api(fixTask, 'suspects.xlsx'))).status).toBe(403); // no data:fix
    expect((await s.swj01!.fetch(api(fixTask, 'suspects.xlsx'))).status).toBe(404);
    expect((await s.xyzx01!.fetch(api(fixTask, 'suspects.xlsx'))).status).toBe(404); // not the centre's task
    const upload = await s.swj01!.fetch(`${api(fixTask, 'suspects')}?filename=x.xlsx`, {
      method: 'POST',
      body: new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
    });
    expect(upload.status).toBe(404);
  });

  it('R-2.3 R-7.4 lets only the credit centre decide explanations', async () => {
    const operator = (await loadUser({ username: 'scjgj01' }))!;
    const items = (await getFixTask(operator, fixTask, null)).items;
    await submitExplanations(
      operator,
      fixTask,
      { rows: items.map((i) => ({ itemId: i.id, explanation: '数据与原始决定书一致。' })) },
      null,
    );
    reviewTask = fixTask.replace(/:fix$/, ':review');
    await waitForOpenTask(reviewTask);
    const decision = { decisions: [{ itemId: items[0]!.id, decision: 'ACCEPT' }] };
    expect((await s.scjgj01!.fetch(api(reviewTask, 'review'), { method: 'POST', json: decision })).status).toBe(403);
    const noComment = { decisions: [{ itemId: items[0]!.id, decision: 'RETURN' }] };
    expect((await s.xyzx01!.fetch(api(reviewTask, 'review'), { method: 'POST', json: noComment })).status).toBe(400);
    const ok = await s.xyzx01!.fetch(api(reviewTask, 'review'), { method: 'POST', json: decision });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { accepted: number } }).data.accepted).toBe(1);
  });

  it('R-3.4 R-7.4 lets only the credit centre send feedback', async () => {
    const body = { recordIds: [recordId], reason: '请核实处罚依据。' };
    expect((await s.scjgj01!.fetch('/api/records/feedback', { method: 'POST', json: body })).status).toBe(403);
    const sent = await s.xyzx01!.fetch('/api/records/feedback', { method: 'POST', json: body });
    expect(sent.status).toBe(201);
    const again = await s.xyzx01!.fetch('/api/records/feedback', { method: 'POST', json: body });
    expect(again.status).toBe(409);
  });

  it('R-9.3 R-7.4 shows the workflow settings to holders of admin:settings only', async () => {
    const role = await db.role.upsert({
      where: { code: 'T_WF_SETTINGS' },
      create: {
        code: 'T_WF_SETTINGS',
        name: '流程参数配置（测试）',
        permissions: { create: [{ permissionCode: 'admin:settings' }] },
      },
      update: {},
    });
    const admin = await createTestUser({ roles: [role.code] });
    const session = await signInHttp(admin.username, admin.password);
    const page = await session.fetch('/admin/settings');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="settings-form"');
    expect(html).toContain('置疑数据修复期限（工作日）');
    const refused = await (await s.scjgj01!.fetch('/admin/settings')).text();
    expect(refused).toContain('data-testid="forbidden"');
    expect(refused).not.toContain('data-testid="settings-form"');
  });
});
