// The audit-log page and usage statistics: searched by user, result, module, object, address and
// period, paged newest first, exported to xlsx with formula cells neutralised; usage counted per person,
// module and department. Only the audit administrator reads or exports the log (三权分立, §8.1.4.2 d), and
// every refused attempt is itself logged.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../lib/audit';
import { AUDIT_PAGE_SIZE, exportAuditLog, searchAuditLog } from '../../lib/audit/query';
import { usageStats } from '../../lib/audit/usage';
import { authenticate } from '../../lib/auth/authenticate';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ForbiddenError, ValidationError } from '../../lib/errors';
import { dayKeyOf } from '../../lib/calendar/workdays';
import { DEMO_PASSWORD } from '../../prisma/seed-ids';
import { signInHttp } from '../support/http-session';
import { createTestUser } from '../support/users';

const today = dayKeyOf(Date.now());
let auditor: CurrentUser;
let subject: { id: string; username: string; password: string };
let pager: string;
let rsj: string;
let rsjBefore = { total: 0, failed: 0 };

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  auditor = (await loadUser({ id: (await createTestUser({ roles: ['AUDIT_ADMIN'] })).id }))!;
  rsj = (await db.department.findUniqueOrThrow({ where: { code: 'RSJ' } })).id;
  const start = await usageStats(auditor, { from: today, to: today }, null);
  rsjBefore = start.byDepartment.find((d) => d.key === rsj) ?? rsjBefore;
  // A person with a known history: two wrong passwords, then a sign-in, from known addresses.
  subject = await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' });
  await authenticate(subject.username, 'wrong-password', '10.1.2.3');
  await authenticate(subject.username, 'wrong-password', '10.1.2.3');
  expect((await authenticate(subject.username, subject.password, '10.1.2.4')).ok).toBe(true);
  // Enough rows of another (synthetic) user to need two pages; one carries a formula-looking object id.
  pager = `pager_${randomBytes(4).toString('hex')}`;
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
    await writeAudit(db, {
      username: pager,
      module: 'record',
      action: 'VIEW',
      objectType: 'CreditRecord',
      objectId: i === 0 ? '=HYPERLINK("http://x","y")' : `rec-${pager}-${i}`,
      ip: '10.9.9.9',
    });
  }
});

afterAll(() => db.$disconnect());

describe('audit log search', () => {
  it('R-7.6 finds a user’s entries with time, user, department, IP, module, action, object and result', async () => {
    const { rows } = await searchAuditLog(auditor, { username: subject.username }, null);
    expect(rows.map((r) => [r.action, r.result, r.ip])).toEqual([
      ['LOGIN', 'OK', '10.1.2.4'],
      ['LOGIN', 'FAIL', '10.1.2.3'],
      ['LOGIN', 'FAIL', '10.1.2.3'],
    ]);
    expect(rows[0]).toMatchObject({ module: 'auth', deptName: '县人社局', username: subject.username });
    expect(rows[0]!.at.getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(Number(rows[0]!.id)).toBeGreaterThan(Number(rows[1]!.id));
  });

  it('R-7.6 narrows by result, address, module, object and period', async () => {
    const failed = await searchAuditLog(auditor, { username: subject.username, result: 'FAIL' }, null);
    expect(failed.rows).toHaveLength(2);
    const byIp = await searchAuditLog(auditor, { ip: '10.1.2.4', username: subject.username }, null);
    expect(byIp.rows).toHaveLength(1);
    const byObject = await searchAuditLog(
      auditor,
      { module: 'record', action: 'view', objectId: `rec-${pager}-7` },
      null,
    );
    expect(byObject.rows.map((r) => r.username)).toEqual([pager]);
    const byDept = await searchAuditLog(auditor, { deptId: rsj, from: today, to: today }, null);
    expect(byDept.rows.some((r) => r.username === subject.username)).toBe(true);
    const before = await searchAuditLog(auditor, { username: subject.username, to: '2020-01-01' }, null);
    expect(before.rows).toEqual([]);
    await expect(searchAuditLog(auditor, { from: '2026-02-01', to: '2026-01-01' }, null)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('R-7.6 pages newest first with a cursor', async () => {
    const first = await searchAuditLog(auditor, { username: pager }, null);
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextBefore).not.toBeNull();
    const second = await searchAuditLog(auditor, { username: pager, before: first.nextBefore! }, null);
    expect(second.rows).toHaveLength(5);
    expect(second.nextBefore).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(AUDIT_PAGE_SIZE + 5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });
});

describe('audit log export', () => {
  it('R-7.6 exports the search result to xlsx, neutralises formula cells and logs the export', async () => {
    const { filename, stream } = await exportAuditLog(auditor, { username: pager }, '10.0.0.1');
    expect(filename).toMatch(/^审计日志_.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read(stream)) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + AUDIT_PAGE_SIZE + 5);
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['序号', '时间（北京时间）', '用户']);
    const objects: string[] = [];
    sheet.eachRow((r, n) => n > 1 && objects.push(String(r.getCell(9).value)));
    expect(objects).toContain(`'=HYPERLINK("http://x","y")`);
    expect(objects.filter((o) => o.startsWith('='))).toEqual([]);
    const logged = await db.auditLog.findFirst({
      where: { userId: auditor.id, module: 'audit', action: 'EXPORT' },
      orderBy: { id: 'desc' },
    });
    expect(logged).toMatchObject({ result: 'OK', ip: '10.0.0.1', detail: { username: pager } });
  });
});

describe('usage statistics', () => {
  it('R-7.6 counts operations per person, module and department, with failures', async () => {
    const u = await usageStats(auditor, { from: today, to: today }, null);
    // The synthetic user is among the busiest of the day (the list holds the top 30), without a department.
    const busiest = u.byPerson.find((p) => p.label === pager);
    expect(busiest).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, failed: 0, deptName: null });
    expect(u.byModule.find((m) => m.key === 'auth')!.total).toBeGreaterThanOrEqual(3);
    expect(u.byModule.find((m) => m.key === 'record')!.label).toBe('信用记录');
    const dept = u.byDepartment.find((d) => d.key === rsj)!;
    expect({ total: dept.total - rsjBefore.total, failed: dept.failed - rsjBefore.failed }).toEqual({
      total: 3,
      failed: 2,
    });
    expect(u.byDay.map((d) => d.key)).toContain(today);
    expect(u.total).toBe(u.byDay.reduce((n, d) => n + d.total, 0));
  });
});

describe('only the audit administrator', () => {
  it('R-7.6 R-8.2 refuses the log, its export and its statistics to every other role and logs each refusal', async () => {
    for (const role of ['SYS_ADMIN', 'SECURITY_ADMIN', 'CENTRE_STAFF', 'DEPT_LEADER']) {
      const other = (await loadUser({ id: (await createTestUser({ roles: [role] })).id }))!;
      await expect(searchAuditLog(other, {}, null), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAuditLog(other, {}, null), role).rejects.toBeInstanceOf(ForbiddenError);
      await expect(usageStats(other, {}, null), role).rejects.toBeInstanceOf(ForbiddenError);
      const denied = await db.auditLog.findMany({ where: { userId: other.id, module: 'audit', result: 'DENIED' } });
      expect(denied.map((d) => d.action).sort(), role).toEqual(['EXPORT', 'READ', 'READ']);
    }
  });

  it('R-7.6 answers 403 over HTTP to a signed-in user who is not the audit administrator', async () => {
    const staff = await signInHttp('xyzx01', DEMO_PASSWORD);
    expect((await staff.fetch('/api/admin/logs')).status).toBe(403);
    expect((await staff.fetch('/api/admin/logs/export')).status).toBe(403);
    expect((await staff.fetch('/api/admin/logs/usage')).status).toBe(403);
    const page = await staff.fetch('/admin/logs');
    expect(await page.text()).toContain('无权访问');
  });
});
