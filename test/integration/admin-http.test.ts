// Escalation through the real app (R-7.4, GB/T 22239 §8.1.4.2 e 越权访问测试): signed-in HTTP sessions of
// department users try another department's batch, record and task (horizontal) and the administration
// routes and pages (vertical); each is refused on the server and the attempt is audited. Disabling an
// account ends its live session at the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser } from '../../lib/admin/user-changes';
import { db } from '../../lib/db';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { ctxOf, makeUser, PASSWORD, recordsOf, uid } from '../support/admin';
import { signInHttp, type HttpSession } from '../support/http-session';
import { penaltyRows, writePenaltyXlsx } from '../support/penalty-data';
import { uploadAs } from '../support/run-batch';
import { waitFor } from '../support/wait';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let lead: HttpSession;
let operator: HttpSession;
let scjgj: { batchId: string; recordIds: string[] };
let swj: { batchId: string; recordIds: string[] };
let swjTaskId: string;
let catalogId: string;

beforeAll(async () => {
  [scjgj, swj] = [await recordsOf('scjgj01', 2), await recordsOf('swj01', 2)];
  const path = join(mkdtempSync(join(tmpdir(), 'http-')), 'swj.xlsx');
  await writePenaltyXlsx(path, penaltyRows(2, { faultEvery: 2, prefix: `H${uid()}-` }));
  const faulty = await uploadAs('swj01', 'ADMIN_PENALTY', path);
  swjTaskId = `suspect-fix-${faulty.id}:fix`;
  await waitFor('the SWJ fix task', () => db.task.findUnique({ where: { id: swjTaskId } }));
  catalogId = (await db.catalog.findUniqueOrThrow({ where: { code: 'ADMIN_PENALTY' } })).id;
  lead = await signInHttp('scjgj_lead', DEMO_PASSWORD);
  operator = await signInHttp('scjgj01', DEMO_PASSWORD);
});
afterAll(() => db.$disconnect());

describe('horizontal escalation over HTTP', () => {
  it('R-7.4 answers another department’s batch, record and task as not found, and the own ones normally', async () => {
    expect((await lead.fetch(`/api/batches/${scjgj.batchId}`)).status).toBe(200);
    expect((await lead.fetch(`/api/batches/${swj.batchId}`)).status).toBe(404);
    expect((await lead.fetch(`/api/records/${scjgj.recordIds[0]}`)).status).toBe(200);
    expect((await lead.fetch(`/api/records/${swj.recordIds[0]}`)).status).toBe(404);
    expect((await operator.fetch(`/api/tasks/${encodeURIComponent(swjTaskId)}/claim`, { method: 'POST' })).status).toBe(
      404,
    );
    expect((await db.task.findUniqueOrThrow({ where: { id: swjTaskId } })).assigneeId).toBeNull();
  });

  it('R-7.4 keeps another department’s records out of the record list and its pages out of reach', async () => {
    const res = await lead.fetch(`/api/records?catalogId=${catalogId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: { id: string; providerDeptName: string }[] };
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows.every((r) => r.providerDeptName !== '国家税务总局武陟县税务局')).toBe(true);
    const batchNumber = (await db.importBatch.findUniqueOrThrow({ where: { id: swj.batchId } })).number;
    for (const path of [`/batches/${swj.batchId}`, `/tasks/${encodeURIComponent(swjTaskId)}`]) {
      const page = await operator.fetch(path);
      expect(page.status, path).toBe(404);
      const html = await page.text();
      expect(html).toContain('页面不存在或无权查看');
      expect(html).not.toContain(batchNumber);
    }
  });
});

describe('vertical escalation over HTTP', () => {
  it('R-7.4 refuses an operator every administration route with 403, changes nothing, and audits the attempts', async () => {
    const me = await db.user.findUniqueOrThrow({ where: { username: 'scjgj01' } });
    const sysAdmin = await db.role.findUniqueOrThrow({ where: { code: 'SYS_ADMIN' } });
    const xyzx = await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } });
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/admin/users'],
      ['GET', '/api/admin/roles'],
      ['GET', '/api/admin/departments'],
      ['POST', '/api/admin/departments', { code: `X_${uid()}`, name: '越权部门', parentId: xyzx.id }],
      ['PUT', `/api/admin/users/${me.id}/roles`, { roleIds: [sysAdmin.id] }],
      [
        'POST',
        '/api/admin/roles',
        { code: `R_${uid().toUpperCase()}`, name: '越权', dataScope: 'ALL', permissions: ['record:view'] },
      ],
      ['POST', `/api/admin/users/${me.id}/password`, { password: 'Escalated-Pass-1' }],
      ['PATCH', '/api/admin/operations/department.delete', { enabled: false }],
      ['PUT', '/api/admin/settings/dormancy', { days: 7 }],
      ['GET', `/api/records?catalogId=${catalogId}`],
    ];
    const since = new Date();
    for (const [method, path, json] of attempts) {
      const res = await operator.fetch(path, { method, json });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(
      (await db.userRole.findMany({ where: { userId: me.id }, include: { role: true } })).map((r) => r.role.code),
    ).toEqual(['DEPT_OPERATOR']);
    expect((await db.operation.findUniqueOrThrow({ where: { code: 'department.delete' } })).enabled).toBe(true);
    const denied = await db.auditLog.count({ where: { userId: me.id, result: 'DENIED', at: { gte: since } } });
    expect(denied).toBeGreaterThanOrEqual(8); // the admin services audit their refusals
  });

  it('R-7.4 shows an operator the 403 page, not the administration screens, and no administration menu', async () => {
    for (const path of [
      '/admin/users',
      '/admin/roles',
      '/admin/departments',
      '/admin/menus',
      '/admin/dictionary',
      '/records',
    ]) {
      const html = await (await operator.fetch(path)).text();
      expect(html, path).toContain('data-testid="forbidden"');
      expect(html, path).not.toContain('data-testid="nav-admin"');
    }
  });
});

describe('sessions', () => {
  it('R-7.2 ends a disabled user’s live session at their next request', async () => {
    const admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
    const u = await makeUser(['DEPT_LEADER'], 'SCJGJ');
    const session = await signInHttp(u.username, PASSWORD);
    expect((await session.fetch(`/api/records?catalogId=${catalogId}`)).status).toBe(200);
    await disableUser(admin, u.id, '离职');
    expect((await session.fetch(`/api/records?catalogId=${catalogId}`)).status).toBe(401);
  });
});
