// Data scope and column permissions (R-7.4, ASVS 8.2.2 / 8.2.3): a SHARED role reads the records of its shared
// departments in the granted columns only, never their batches; the own scope reads in full with personal
// fields masked; a department never reads another's records, batches or tasks (horizontal escalation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setColumnGrants } from '../../lib/admin/column-grants';
import { createDepartment } from '../../lib/admin/departments';
import type { AdminContext } from '../../lib/admin/guard';
import { createRole, updateRole } from '../../lib/admin/roles';
import { setUserRoles } from '../../lib/admin/user-roles';
import { filterRecordFields } from '../../lib/auth/field-access';
import { loadUser, type CurrentUser } from '../../lib/auth/load-user';
import { getBatchDetail, listBatches } from '../../lib/batches/queries';
import { db } from '../../lib/db';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { getScopedRecord, listScopedRecords } from '../../lib/records/scoped-records';
import { ctxOf, makeUser, recordsOf, uid } from '../support/admin';

const GRANTED = ['subjectName', 'decisionNumber', 'penaltyContent'];
let security: AdminContext;
let catalogId: string;
let scjgjId: string;
let roleId: string;
let viewer: { id: string; username: string };
let scjgj: { batchId: string; recordIds: string[] };
let swj: { batchId: string; recordIds: string[] };
const load = async (id: string) => (await loadUser({ id }))!;

// One page is enough: totals are counted by the same filter, and other tests may have stored thousands of rows.
const firstPage = (user: CurrentUser) => listScopedRecords(user, catalogId, {}, null);

beforeAll(async () => {
  [scjgj, swj] = [await recordsOf('scjgj01', 3), await recordsOf('swj01', 3)];
  security = await ctxOf((await makeUser(['SECURITY_ADMIN'])).id);
  const admin = await ctxOf((await makeUser(['SYS_ADMIN'])).id);
  catalogId = (await db.catalog.findUniqueOrThrow({ where: { code: 'ADMIN_PENALTY' } })).id;
  scjgjId = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } })).id;
  const xyzx = (await db.department.findUniqueOrThrow({ where: { code: 'XYZX' } })).id;
  const n = uid().toUpperCase();
  await createDepartment(admin, {
    code: `S_${n}`,
    name: `共享查询科${n}`,
    kind: 'DEPARTMENT',
    parentId: xyzx,
    sortOrder: 0,
  });
  const role = await createRole(security, {
    code: `SHARED_${n}`,
    name: '共享查询',
    dataScope: 'SHARED',
    sharedDepartmentIds: [scjgjId],
    permissions: ['record:view'],
  });
  roleId = role.id;
  await setColumnGrants(security, roleId, catalogId, GRANTED);
  viewer = await makeUser([], `S_${n}`);
  await setUserRoles(security, viewer.id, [roleId]);
});
afterAll(() => db.$disconnect());

describe('SHARED data scope with column grants', () => {
  it('R-7.4 loads the shared departments and the column grants with the user', async () => {
    const v = await load(viewer.id);
    expect(v.visibleDeptIds).toEqual([(await db.user.findUniqueOrThrow({ where: { id: viewer.id } })).departmentId]);
    expect(v.sharedDeptIds).toEqual([scjgjId]);
    expect([...(v.columnGrants.get(catalogId) ?? [])].sort()).toEqual([...GRANTED].sort());
  });

  it('R-7.4 lists the shared department’s records in exactly the granted columns, and nobody else’s', async () => {
    const v = await load(viewer.id);
    // Controlled subjects' records never reach a shared view (R-2.5; the demo data has one).
    const count = () =>
      db.creditRecord.count({
        where: { catalogId, providerDeptId: scjgjId, OR: [{ subjectId: null }, { subject: { restricted: false } }] },
      });
    const before = await count();
    const { columns, rows, total } = await firstPage(v);
    expect(columns.map((c) => c.key)).toEqual(GRANTED);
    // The filter counts the shared department's records only: another department's would raise the total.
    // (Bracketed: an import of an earlier test may still be storing rows.)
    expect(total).toBeGreaterThanOrEqual(before);
    expect(total).toBeLessThanOrEqual(await count());
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.providerDeptName))).toEqual(new Set(['县市场监管局']));
    for (const r of rows) expect(Object.keys(r.values).sort()).toEqual([...GRANTED].sort());
    for (const id of swj.recordIds) expect(rows.map((r) => r.id)).not.toContain(id);
  });

  it('R-7.4 answers a single record in the granted columns, and another department’s as not found', async () => {
    const v = await load(viewer.id);
    const one = await getScopedRecord(v, scjgj.recordIds[0]!, null);
    expect(Object.keys(one.values).sort()).toEqual([...GRANTED].sort());
    await expect(getScopedRecord(v, swj.recordIds[0]!, null)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('R-7.4 filters any record’s values for a viewer with the shared helper', async () => {
    const v = await load(viewer.id);
    const values = { subjectName: 'A', uscc: 'B', decisionNumber: 'C', facts: 'D', penaltyContent: 'E' };
    expect(filterRecordFields(v, { catalogId, providerDeptId: scjgjId }, values)).toEqual({
      subjectName: 'A',
      decisionNumber: 'C',
      penaltyContent: 'E',
    });
    const swjId = (await db.department.findUniqueOrThrow({ where: { code: 'SWJ' } })).id;
    expect(filterRecordFields(v, { catalogId, providerDeptId: swjId }, values)).toBeNull();
  });

  it('R-7.4 shares records, not operations: the shared department’s batches stay invisible', async () => {
    const v = await load(viewer.id);
    await expect(getBatchDetail(v, scjgj.batchId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBatches(v, 1)).rows.map((b) => b.id)).not.toContain(scjgj.batchId);
  });

  it('R-7.4 takes a changed grant into account at the next request; no grant, no shared records', async () => {
    await setColumnGrants(security, roleId, catalogId, ['subjectName']);
    expect((await firstPage(await load(viewer.id))).columns.map((c) => c.key)).toEqual(['subjectName']);
    await setColumnGrants(security, roleId, catalogId, []);
    expect((await firstPage(await load(viewer.id))).total).toBe(0);
    await setColumnGrants(security, roleId, catalogId, GRANTED);
  });

  it('R-7.4 stops sharing when the role’s scope no longer names the department', async () => {
    await updateRole(security, roleId, { sharedDepartmentIds: [] });
    const v = await load(viewer.id);
    expect(v.sharedDeptIds).toEqual([]);
    await expect(getScopedRecord(v, scjgj.recordIds[0]!, null)).rejects.toBeInstanceOf(NotFoundError);
    await updateRole(security, roleId, { sharedDepartmentIds: [scjgjId] });
  });

  it('R-7.4 refuses a column grant on a restricted personal field (受控信息)', async () => {
    await expect(
      setColumnGrants(security, roleId, catalogId, ['subjectName', 'legalRepIdNumber']),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await db.columnGrant.count({ where: { roleId, fieldKey: 'legalRepIdNumber' } })).toBe(0);
  });
});

describe('own scope and horizontal escalation', () => {
  it('R-7.4 shows the own department’s records in full, personal fields masked', async () => {
    const lead = await load((await db.user.findUniqueOrThrow({ where: { username: 'scjgj_lead' } })).id);
    const record = await getScopedRecord(lead, scjgj.recordIds[0]!, null);
    expect(record.values.facts).toBeTruthy();
    expect(record.values.legalRepIdNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    // Coded fields read as the templates write them: the code and its label.
    const stored = await db.creditRecord.findUniqueOrThrow({ where: { id: scjgj.recordIds[0]! } });
    const code = (stored.data as Record<string, string>).penaltyCategory!;
    const item = await db.codeItem.findUniqueOrThrow({
      where: { tableCode_code: { tableCode: 'penalty_category', code } },
    });
    expect(record.values.penaltyCategory).toBe(`${code} ${item.label}`);
  });

  it('R-7.4 refuses a department another department’s records and batches, by id as well as in lists', async () => {
    const lead = await load((await db.user.findUniqueOrThrow({ where: { username: 'scjgj_lead' } })).id);
    for (const id of swj.recordIds) await expect(getScopedRecord(lead, id, null)).rejects.toBeInstanceOf(NotFoundError);
    const own = await db.department.findMany({ where: { code: { in: ['SCJGJ', 'SCJGJ_MQ'] } }, select: { id: true } });
    const count = () => db.creditRecord.count({ where: { catalogId, providerDeptId: { in: own.map((d) => d.id) } } });
    const before = await count();
    const { total } = await firstPage(lead);
    expect(total).toBeGreaterThanOrEqual(before);
    expect(total).toBeLessThanOrEqual(await count());
    await expect(getBatchDetail(lead, swj.batchId)).rejects.toBeInstanceOf(NotFoundError);
    const swjOperator = await load((await db.user.findUniqueOrThrow({ where: { username: 'swj01' } })).id);
    await expect(getBatchDetail(swjOperator, scjgj.batchId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
