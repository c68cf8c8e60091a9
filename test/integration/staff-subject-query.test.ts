// The staff subject query (R-3.2, R-6.1, R-7.4): search a subject by name, code or — with the permission —
// 身份证号 (audited either way); a subject view within the viewer's data scope and column grants, with each
// record's publication status and why it is hidden; keyset pages that are complete and disjoint; exports
// within the same permissions, masked and audited. Over HTTP against the running app.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser } from '../../lib/auth/load-user';
import { sealIdentifier, sealJson } from '../../lib/crypto/pii';
import { db } from '../../lib/db';
import { makeIdNumber } from '../../lib/identifiers/id-number';
import { makeUscc } from '../../lib/identifiers/uscc';
import { capMessage, exportScopedRecords } from '../../lib/records/export';
import { signInHttp, type HttpSession } from '../support/http-session';
import { createTestUser } from '../support/users';

const tag = randomBytes(3).toString('hex').toUpperCase();
const ORG_NAME = `员工查询测试${tag}有限公司`;
const ORG_USCC = makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase());
const PERSON_ID = makeIdNumber('410823', '19850612', String(100 + (parseInt(tag, 16) % 800)));
const LEGAL_REP_ID = makeIdNumber('410823', '19700101', '123');
const GRANTED = ['subjectName', 'decisionNumber', 'legalRepIdNumber'];
const OWN = 300; // records of the organisation provided by 县市场监管局
const SHARED = 5; // … and by 县税务局

let catalogId: string;
let orgId: string;
let personId: string;
let restrictedId: string;
let centre: HttpSession;
let leader: HttpSession;
let shared: HttpSession;
let sharedUserId: string;

async function batchOf(deptId: string, versionId: string): Promise<string> {
  const t = randomBytes(4).toString('hex');
  return (
    await db.importBatch.create({
      data: {
        number: `SSQ-${t}`,
        catalogVersionId: versionId,
        providerDeptId: deptId,
        source: 'MANUAL',
        workflowId: `test-staff-subject-${t}`,
        status: 'COMPLETED',
      },
    })
  ).id;
}

beforeAll(async () => {
  const catalog = await db.catalog.findUniqueOrThrow({ where: { code: 'ADMIN_PENALTY' } });
  catalogId = catalog.id;
  const version = await db.catalogVersion.findFirstOrThrow({
    where: { catalogId, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  });
  const scjgj = (await db.department.findUniqueOrThrow({ where: { code: 'SCJGJ' } })).id;
  const swj = (await db.department.findUniqueOrThrow({ where: { code: 'SWJ' } })).id;
  const [own, other] = [await batchOf(scjgj, version.id), await batchOf(swj, version.id)];

  orgId = (await db.subject.create({ data: { kind: 'ORG', name: ORG_NAME, uscc: ORG_USCC } })).id;
  const id = sealIdentifier('ID_NUMBER', PERSON_ID);
  personId = (
    await db.subject.create({
      data: { kind: 'PERSON', name: `查询测试${tag}`, idNumberSealed: id.sealed, idNumberHash: id.hash },
    })
  ).id;
  restrictedId = (
    await db.subject.create({
      data: {
        kind: 'ORG',
        name: `员工查询受控${tag}有限公司`,
        uscc: makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase()),
        restricted: true,
        restrictedAt: new Date(),
        restrictedReason: '涉密信息暂不公开',
      },
    })
  ).id;

  // Three records share each creation instant: the cursor must break ties by id without losing any.
  const base = Date.parse('2026-06-01T08:00:00Z');
  const row = (i: number, subjectId: string, deptId: string, batchId: string) => ({
    catalogId,
    catalogVersionId: version.id,
    subjectId,
    providerDeptId: deptId,
    batchId,
    rowNumber: i + 2,
    naturalKey: `ssq-${tag}-${subjectId}-${i}`,
    fingerprint: `ssq-${tag}-${subjectId}-${i}`,
    data: { subjectName: ORG_NAME, decisionNumber: `武市监罚〔2026〕${tag}-${i}号`, penaltyContent: '罚款' },
    sealed: sealJson({ legalRepIdNumber: LEGAL_REP_ID }),
    decisionDate: new Date(`2026-0${1 + (i % 5)}-15T00:00:00Z`),
    publicityStart: new Date('2026-01-15T00:00:00Z'),
    // Every 10th record's window has ended (公示期满), every 7th was withdrawn (已撤销).
    publicityEnd: new Date(i % 10 === 0 ? '2026-02-01T00:00:00Z' : '2099-01-01T00:00:00Z'),
    withdrawnAt: i % 7 === 0 ? new Date('2026-07-01T00:00:00Z') : null,
    createdAt: new Date(base + Math.floor(i / 3) * 1000),
  });
  await db.creditRecord.createMany({
    data: [
      ...Array.from({ length: OWN }, (_, i) => row(i, orgId, scjgj, own)),
      ...Array.from({ length: SHARED }, (_, i) => row(OWN + i, orgId, swj, other)),
      row(900, personId, scjgj, own),
      row(901, restrictedId, swj, other),
    ],
  });

  const c = await createTestUser({ roles: ['CENTRE_STAFF'] });
  const l = await createTestUser({ roles: ['DEPT_LEADER'], dept: 'SCJGJ' });
  // 县教育局 reads 县税务局's records through a SHARED role, in three granted columns of 行政处罚.
  const role = await db.role.create({
    data: {
      code: `SSQ_SHARED_${tag}`,
      name: `共享查询${tag}`,
      dataScope: 'SHARED',
      permissions: { create: [{ permissionCode: 'record:view' }] },
      sharedDepartments: { create: [{ departmentId: swj }] },
      columnGrants: { create: GRANTED.map((fieldKey) => ({ catalogId, fieldKey })) },
    },
  });
  const s = await createTestUser({ roles: [role.code], dept: 'JYJ' });
  sharedUserId = s.id;
  [centre, leader, shared] = await Promise.all([
    signInHttp(c.username, c.password),
    signInHttp(l.username, l.password),
    signInHttp(s.username, s.password),
  ]);
}, 120_000);

afterAll(() => db.$disconnect());

type Hit = { id: string; name: string; uscc: string | null; idNumberMasked: string | null; records: number };
type Page = {
  total: number | null;
  columns: { key: string }[];
  rows: {
    id: string;
    providerDeptName: string;
    published: boolean;
    hidden: { code: string; label: string }[];
    values: Record<string, string>;
  }[];
  next: string | null;
  prev: string | null;
};

const json = async <T>(res: Response, status = 200): Promise<T> => {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
};
const search = (s: HttpSession, q: string) => s.fetch(`/api/subjects?q=${encodeURIComponent(q)}`);
const lastAudit = (where: object) => db.auditLog.findFirst({ where, orderBy: { id: 'desc' } });

describe('subject search', () => {
  it('R-6.1 finds a subject by a name fragment and by its 统一社会信用代码', async () => {
    const byName = await json<{ kind: string; items: Hit[] }>(await search(centre, `查询测试${tag}有`));
    expect(byName.kind).toBe('name');
    expect(byName.items.map((h) => h.id)).toEqual([orgId]);
    expect(byName.items[0]!.records).toBe(OWN + SHARED);
    const byCode = await json<{ kind: string; items: Hit[] }>(await search(centre, ORG_USCC.toLowerCase()));
    expect(byCode.kind).toBe('uscc');
    expect(byCode.items.map((h) => h.id)).toEqual([orgId]);
  });

  it('R-6.1 answers an empty query, an overlong one and a wrong check character with 400 in Chinese', async () => {
    for (const q of ['   ', 'x'.repeat(1000), `${ORG_USCC.slice(0, 17)}${ORG_USCC.endsWith('0') ? '1' : '0'}`]) {
      const body = await json<{ title: string }>(await search(centre, q), 400);
      expect(body.title).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('R-6.1 searches by 身份证号 only with personal:reveal: 403 and audited without it, masked and audited with it', async () => {
    const refused = await json<{ title: string }>(await search(leader, PERSON_ID), 403);
    expect(refused.title).toContain('权限');
    const denied = await lastAudit({ module: 'subject', action: 'SEARCH', result: 'DENIED' });
    expect(denied?.username).toBeTruthy();
    expect(JSON.stringify(denied?.detail)).not.toContain(PERSON_ID);

    const found = await json<{ kind: string; items: Hit[] }>(await search(centre, PERSON_ID));
    expect(found.kind).toBe('idNumber');
    expect(found.items.map((h) => h.id)).toEqual([personId]);
    expect(found.items[0]!.idNumberMasked).toBe(`${PERSON_ID.slice(0, 4)}**********${PERSON_ID.slice(-4)}`);
    expect(JSON.stringify(found)).not.toContain(PERSON_ID);
    const audited = await lastAudit({ module: 'subject', action: 'SEARCH', result: 'OK' });
    expect(audited?.detail).toMatchObject({ kind: 'idNumber', hits: 1 });
    expect(JSON.stringify(audited?.detail)).not.toContain(PERSON_ID);
  });

  it('R-7.4 a department finds only the subjects it holds records of', async () => {
    expect((await json<{ items: Hit[] }>(await search(leader, ORG_USCC))).items[0]!.records).toBe(OWN);
    expect((await json<{ items: Hit[] }>(await search(shared, ORG_USCC))).items[0]!.records).toBe(SHARED);
    // The restricted subject's only record is 县税务局's: controlled data never reaches a shared view.
    expect((await json<{ items: Hit[] }>(await search(shared, `员工查询受控${tag}`))).items).toEqual([]);
    expect((await json<{ items: Hit[] }>(await search(leader, `员工查询受控${tag}`))).items).toEqual([]);
  });
});

describe('subject view', () => {
  type View = {
    name: string;
    restricted: boolean;
    restrictedReason: string | null;
    catalogs: { code: string; count: number }[];
  };

  it('R-3.2 shows every catalog the viewer may see with counts, within the data scope and the shared scope', async () => {
    const all = await json<View>(await centre.fetch(`/api/subjects/${orgId}`));
    expect(all.catalogs).toEqual([expect.objectContaining({ code: 'ADMIN_PENALTY', count: OWN + SHARED })]);
    const own = await json<View>(await leader.fetch(`/api/subjects/${orgId}`));
    expect(own.catalogs[0]!.count).toBe(OWN);
    const viaShare = await json<View>(await shared.fetch(`/api/subjects/${orgId}`));
    expect(viaShare.catalogs[0]!.count).toBe(SHARED);
    expect((await shared.fetch(`/api/subjects/${restrictedId}`)).status).toBe(404);
    expect((await shared.fetch(`/api/subjects/${personId}`)).status).toBe(404);
    expect((await centre.fetch('/api/subjects/not-a-uuid')).status).toBe(400);
  });

  it('R-2.5 shows a restricted subject’s state and reason to staff', async () => {
    const v = await json<View>(await centre.fetch(`/api/subjects/${restrictedId}`));
    expect(v).toMatchObject({ restricted: true, restrictedReason: '涉密信息暂不公开' });
    const html = await (await centre.fetch(`/subjects/${restrictedId}`)).text();
    expect(html).toContain('受控主体');
    expect(html).toContain('涉密信息暂不公开');
    expect(html).toContain('subject-restriction');
  });

  it('R-7.4 column grants cut a shared department’s records down to the granted, uncontrolled columns', async () => {
    const page = await json<Page>(await shared.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY`));
    expect(page.rows).toHaveLength(SHARED);
    expect(page.rows.every((r) => r.providerDeptName === '国家税务总局武陟县税务局')).toBe(true);
    // legalRepIdNumber is granted but classified RESTRICTED: a shared view never shows it.
    for (const r of page.rows) expect(Object.keys(r.values).sort()).toEqual(['decisionNumber', 'subjectName']);
    const full = await json<Page>(await centre.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY`));
    expect(full.rows[0]!.values.legalRepIdNumber).toBe(
      `${LEGAL_REP_ID.slice(0, 4)}**********${LEGAL_REP_ID.slice(-4)}`,
    );
    expect(JSON.stringify(full)).not.toContain(LEGAL_REP_ID);
  });

  it('R-6.1 tells staff whether each record is public and, if not, why', async () => {
    const rows: Page['rows'] = [];
    for (const status of ['expired', 'withdrawn', 'public']) {
      const p = await json<Page>(
        await centre.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY&status=${status}&dept=`),
      );
      rows.push(...p.rows);
      if (status === 'expired') {
        expect(p.total).toBe(Math.ceil(OWN / 10) + 1); // i = 0, 10, …, 290 and 300 (县税务局)
        expect(p.rows.every((r) => r.hidden.some((h) => h.label === '公示期满'))).toBe(true);
      }
      if (status === 'withdrawn') expect(p.rows.every((r) => r.hidden.some((h) => h.label === '已撤销'))).toBe(true);
      if (status === 'public') expect(p.rows.every((r) => r.published && r.hidden.length === 0)).toBe(true);
    }
    const html = await (await centre.fetch(`/subjects/${orgId}?catalog=ADMIN_PENALTY&status=expired`)).text();
    expect(html).toContain('公示期满');
    expect(html).not.toContain('公示中</span>');
  });
});

describe('keyset pagination', () => {
  it('R-3.2 pages through a subject’s records completely, without gap or duplicate, forwards and back', async () => {
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const url: string = `/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY${after ? `&after=${after}` : ''}`;
      const page: Page = await json<Page>(await centre.fetch(url));
      pages.push(page);
      after = page.next;
    } while (after && pages.length < 100);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(ids).toHaveLength(OWN + SHARED);
    expect(new Set(ids).size).toBe(OWN + SHARED);
    const stored = await db.creditRecord.findMany({ where: { subjectId: orgId }, select: { id: true } });
    expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.id)));
    expect(pages[0]!.total).toBe(OWN + SHARED);
    expect(pages[0]!.prev).toBeNull();

    // Back from the third page is the second page, row for row; back from the second is the first.
    const back = await json<Page>(
      await centre.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY&before=${pages[2]!.prev}`),
    );
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    const first = await json<Page>(
      await centre.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY&before=${pages[1]!.prev}`),
    );
    expect(first.rows.map((r) => r.id)).toEqual(pages[0]!.rows.map((r) => r.id));
  });

  it('R-3.2 the records list pages by keyset with filters by catalog, department and date', async () => {
    const swj = (await db.department.findUniqueOrThrow({ where: { code: 'SWJ' } })).id;
    const p = await json<Page>(
      await centre.fetch(
        `/api/records?catalog=ADMIN_PENALTY&subject=${orgId}&dept=${swj}&from=2026-01-01&to=2026-12-31`,
      ),
    );
    expect(p.rows).toHaveLength(SHARED);
    const march = await json<Page>(
      await centre.fetch(`/api/records?catalog=ADMIN_PENALTY&subject=${orgId}&from=2026-03-01&to=2026-03-31`),
    );
    expect(march.total).toBe((OWN + SHARED) / 5);
    const html = await (await centre.fetch(`/records?catalog=ADMIN_PENALTY&dept=${swj}`)).text();
    expect(html).toContain('pagination-first');
  });

  it('R-3.2 answers a malformed cursor or filter with 400 and a Chinese message, never a 500', async () => {
    for (const q of [
      'after=not-a-cursor!',
      `after=${Buffer.from('["x","y"]').toString('base64url')}`,
      'after=' + 'A'.repeat(500),
      'from=2026-13-45',
      'from=2026-05-01&to=2026-04-01',
      'status=gone',
    ]) {
      const res = await centre.fetch(`/api/subjects/${orgId}/records?catalog=ADMIN_PENALTY&${q}`);
      const body = await json<{ title: string; invalidParams?: { reason: string }[] }>(res, 400);
      expect(`${body.title}${JSON.stringify(body.invalidParams ?? '')}`).toMatch(/[\u4e00-\u9fa5]{4}/);
    }
    const html = await (await centre.fetch(`/records?catalog=ADMIN_PENALTY&after=bogus`)).text();
    expect(html).toContain('翻页参数无效');
  });
});

describe('exports', () => {
  const csvOf = async (s: HttpSession, q: string) => {
    const res = await s.fetch(`/api/records/export?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    return (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
  };

  it('R-6.1 exports a subject’s records within the viewer’s scope and grants, masked, and audits it', async () => {
    const sharedLines = await csvOf(shared, `catalog=ADMIN_PENALTY&subject=${orgId}`);
    expect(sharedLines).toHaveLength(1 + SHARED);
    expect(sharedLines[0]).toMatch(/^提供部门,主体名称,.+,决定日期,公示状态,入库时间$/);
    expect(sharedLines[0]!.split(',')).toHaveLength(7);
    expect(sharedLines.join('\n')).not.toContain(LEGAL_REP_ID.slice(4, 14));
    const audit = await lastAudit({ module: 'record', action: 'EXPORT', userId: sharedUserId });
    expect(audit?.detail).toMatchObject({ subjectId: orgId, format: 'csv' });

    const centreLines = await csvOf(centre, `catalog=ADMIN_PENALTY&subject=${orgId}`);
    expect(centreLines).toHaveLength(1 + OWN + SHARED);
    expect(centreLines.join('\n')).not.toContain(LEGAL_REP_ID);
    expect(centreLines.join('\n')).toContain(`${LEGAL_REP_ID.slice(0, 4)}**********`);
    const leaderLines = await csvOf(leader, `catalog=ADMIN_PENALTY&subject=${orgId}`);
    expect(leaderLines).toHaveLength(1 + OWN);
  });

  it('R-6.1 exports the same rows as xlsx', async () => {
    const res = await leader.fetch(`/api/records/export?catalog=ADMIN_PENALTY&subject=${orgId}&format=xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + OWN);
    expect(sheet.getRow(1).getCell(1).value).toBe('提供部门');
    expect((await leader.fetch(`/api/records/export?catalog=ADMIN_PENALTY&format=pdf`)).status).toBe(400);
  });

  it('R-6.1 stops an export at its cap and says so in the file', async () => {
    const user = (await loadUser({ id: sharedUserId }))!;
    const { stream } = await exportScopedRecords(user, catalogId, { subject: orgId }, null, 'csv', 3);
    const lines = (await new Response(stream).text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toBe(capMessage(3));
  });
});
