// The public site's organisation search, profile and person query over their HTTP APIs (issue 13, R-6.1,
// name fragments of one, two and three characters and codes, ranking and keyset pages, profile
// tab counts of public records only (an expired, a withdrawn record and a restricted subject's records absent),
// the person query that needs both fields and answers the same whether the person exists or not, and the bad
// input of the issue — each a Chinese message with the right status, never a 500.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { makeUscc } from '../../lib/identifiers/uscc';
import { makeIdNumber } from '../../lib/identifiers/id-number';
import { generateOrganisations } from '../../prisma/seed-data/organisations';
import { DEMO_EXPIRED_ORG, DEMO_RESTRICTED_ORG } from '../../prisma/seed-data/public-records';
import { seedReportFixture } from '../support/report-data';

const APP_URL = process.env.APP_URL ?? 'http://localhost:3000';
const tag = randomBytes(3).toString('hex');
const orgs = generateOrganisations(300);

afterAll(() => db.$disconnect());

const get = (path: string) => fetch(`${APP_URL}${path}`);
const search = async (params: Record<string, string>) => {
  const res = await get(`/api/public/search?${new URLSearchParams(params)}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { items?: Item[] } };
};
interface Item {
  id: string;
  name: string;
  uscc: string;
  highlight: [number, number] | null;
}
const names = (items: Item[] | undefined) => (items ?? []).map((i) => i.name);
const hasChinese = (s: unknown) => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);

async function org(name: string): Promise<string> {
  const body = randomBytes(4).toString('hex').toUpperCase();
  return (await db.subject.create({ data: { kind: 'ORG', name, uscc: makeUscc('91410823', body), orgCategory: '02' } }))
    .id;
}
const idOf = async (uscc: string) => (await db.subject.findUniqueOrThrow({ where: { uscc } })).id;

beforeAll(async () => {
  // Rare characters, so what the tests find is exactly what they created.
  await org('龘燚');
  await org('龘燚商行');
  await org('武陟县龘燚物流有限公司');
  await org(`焦作市齉${tag}有限公司`);
  for (let i = 0; i < 25; i++) await org(`武陟县鼗鼗${String(i).padStart(2, '0')}商贸有限公司`);
});

describe('organisation search', () => {
  it('R-6.1 a one-character fragment finds names containing it, the match marked', async () => {
    const { status, body } = await search({ q: '齉' });
    expect(status).toBe(200);
    expect(names(body.items)).toEqual([`焦作市齉${tag}有限公司`]);
    expect(body.items![0]!.highlight).toEqual([3, 4]);
  });

  it('R-6.1 a two-character fragment ranks the exact name, then names starting with it, then names containing it', async () => {
    const { status, body } = await search({ q: '龘燚' });
    expect(status).toBe(200);
    expect(names(body.items)).toEqual(['龘燚', '龘燚商行', '武陟县龘燚物流有限公司']);
    expect(body.next).toBeNull();
  });

  it('R-6.1 a three-character fragment and a longer one; full-width and blanks are normalised', async () => {
    expect(names((await search({ q: '龘燚物' })).body.items)).toEqual(['武陟县龘燚物流有限公司']);
    expect(names((await search({ q: ' 龘燚物流有限 ' })).body.items)).toEqual(['武陟县龘燚物流有限公司']);
    expect(names((await search({ q: `齉${tag.toUpperCase()}` })).body.items)).toEqual([`焦作市齉${tag}有限公司`]);
  });

  it('R-6.1 results come in keyset pages of 20 without repeats, and a cursor from page one gives the rest', async () => {
    const first = await search({ q: '鼗鼗' });
    expect(first.body.items).toHaveLength(20);
    expect(typeof first.body.next).toBe('string');
    const second = await search({ q: '鼗鼗', after: first.body.next as string });
    expect(second.body.items).toHaveLength(5);
    expect(second.body.next).toBeNull();
    const all = [...names(first.body.items), ...names(second.body.items)];
    expect(new Set(all).size).toBe(25);
    expect(all).toEqual([...all].sort());
  });

  it('R-6.1 an 18-character code is an exact lookup, also typed in full-width digits', async () => {
    const o = orgs[3]!;
    const { status, body } = await search({ q: o.uscc });
    expect(status).toBe(200);
    expect(names(body.items)).toEqual([o.name]);
    const fullWidth = o.uscc.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(names((await search({ q: fullWidth })).body.items)).toEqual([o.name]);
  });

  it('R-6.1 a code with a wrong check character is refused before any query: 400 with a Chinese message', async () => {
    const o = orgs[3]!;
    const wrong = o.uscc.slice(0, 17) + (o.uscc.endsWith('1') ? '2' : '1');
    const { status, body } = await search({ q: wrong });
    expect(status).toBe(400);
    expect(body.detail).toContain('校验位');
  });

  it('R-6.1 filters: subject kind and has penalties', async () => {
    const penalised = orgs[2]!; // a demo organisation with a published penalty
    const withFilter = await search({ q: penalised.name, penalties: '1' });
    expect(names(withFilter.body.items)).toContain(penalised.name);
    const withoutPenalty = await search({ q: '龘燚', penalties: '1' });
    expect(withoutPenalty.body.items).toEqual([]);
    expect(names((await search({ q: '龘燚', kind: '04' })).body.items)).toEqual([]);
    expect(names((await search({ q: '龘燚', kind: '02' })).body.items)).toHaveLength(3);
  });

  it('a person is never found by name', async () => {
    const person = await db.subject.findFirstOrThrow({ where: { kind: 'PERSON' } });
    const { body } = await search({ q: person.name });
    expect((body.items ?? []).some((i) => i.id === person.id)).toBe(false);
  });

  it('R-6.1 bad input: a Chinese message and the right status, never a 500', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ q: '' }, 400],
      [{ q: '   ' }, 400],
      [{ q: '　' }, 400],
      [{ q: '企'.repeat(1000) }, 400],
      [{ q: '\' OR 1=1; DROP TABLE "Subject"; --' }, 200],
      [{ q: '<script>alert(1)</script>' }, 200],
      [{ q: '%_\\' }, 200],
      [{ q: '😀🏢' }, 200],
      [{ q: 'ＡＢＣ有限公司' }, 200],
      [{ q: '龘燚', after: 'garbage!!' }, 400],
      [{ q: '龘燚', after: '-1' }, 400],
      [{ q: '龘燚', after: '1000000000' }, 400],
      [{ q: '龘燚', after: Buffer.from('[9,"x","y"]').toString('base64url') }, 400],
      [{ q: '龘燚', page: '-1' }, 400],
      [{ q: '龘燚', page: '1000000000' }, 400],
      [{ q: '龘燚', kind: 'zz' }, 400],
      [{ q: 'ABCDEFGHJKLMNPQRTU' }, 400],
    ];
    for (const [params, expected] of cases) {
      const { status, body } = await search(params);
      expect({ params, status }).toEqual({ params, status: expected });
      if (status === 400) expect(hasChinese(body.detail)).toBe(true);
      else expect(body.items).toEqual([]);
    }
    expect((await get('/api/public/search?q=%00abc')).status).toBe(400);
  });
});

describe('organisation profile', () => {
  const profile = async (id: string) => {
    const res = await get(`/api/public/subjects/${id}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const counts = (body: Record<string, unknown>) =>
    Object.fromEntries((body.tabs as { key: string; count: number }[]).map((t) => [t.key, t.count]));
  const records = async (id: string, tab: string, after?: string) => {
    const res = await get(
      `/api/public/subjects/${id}/records?${new URLSearchParams({ tab, ...(after ? { after } : {}) })}`,
    );
    return {
      status: res.status,
      body: (await res.json()) as { items: { id: string; title: string }[]; next: string | null; detail?: string },
    };
  };

  // Counts are asserted on organisations of this test's own (test/support/report-data.ts): the demo organisations
  // also receive the records other test files import.
  it('R-6.1 basic information with the legal representative masked, and a count per tab of public records only', async () => {
    const o = orgs[2]!;
    const { status, body } = await profile(await idOf(o.uscc));
    expect(status).toBe(200);
    expect(body.name).toBe(o.name);
    expect(body.legalRepresentative).not.toBe(o.legalRep.name);
    expect(String(body.legalRepresentative)[0]).toBe(o.legalRep.name[0]);
    expect(body.legalRepresentative).toContain('*');
    expect(JSON.stringify(body)).not.toContain(o.legalRep.idNumber);
    const tab = await records(body.id as string, 'penalty');
    expect(tab.status).toBe(200);
    expect(tab.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(tab.body)).not.toContain(o.legalRep.idNumber);

    // One published licence and penalty; an expired and a withdrawn penalty beside them count nowhere.
    const f = await seedReportFixture();
    expect(counts((await profile(f.subjectId)).body)).toMatchObject({
      license: 1,
      penalty: 1,
      positive: 0,
      attention: 0,
      commitment: 0,
    });
  });

  it('R-6.2 a record past its 公示截止日 is in no count, no tab and no detail page', async () => {
    const f = await seedReportFixture();
    const stored = await db.creditRecord.findUniqueOrThrow({ where: { id: f.expired.id } });
    expect(stored.publicityEnd!.toISOString().slice(0, 10) < new Date().toISOString().slice(0, 10)).toBe(true);
    const tab = await records(f.subjectId, 'penalty');
    expect(tab.body.items.map((i: { id: string }) => i.id)).toEqual([f.penalty.id]);
    expect((await get(`/org/${f.subjectId}/records/${f.expired.id}`)).status).toBe(404);
    expect((await get(`/org/${f.subjectId}/records/${f.penalty.id}`)).status).toBe(200);
    // The demo's expired organisation (prisma/seed-data/public-records.ts) shows its penalty nowhere either.
    const demo = await idOf(orgs[DEMO_EXPIRED_ORG]!.uscc);
    const demoExpired = await db.creditRecord.findFirstOrThrow({
      where: {
        subjectId: demo,
        publicityEnd: { lt: new Date() },
        catalogVersion: { catalog: { code: 'ADMIN_PENALTY' } },
      },
    });
    expect((await get(`/org/${demo}/records/${demoExpired.id}`)).status).toBe(404);
  });

  it('R-2.5 a restricted organisation shows no record and says nothing about why', async () => {
    const id = await idOf(orgs[DEMO_RESTRICTED_ORG]!.uscc);
    expect(await db.creditRecord.count({ where: { subjectId: id } })).toBeGreaterThan(0);
    const { status, body } = await profile(id);
    expect(status).toBe(200);
    expect(Object.values(counts(body)).every((n) => n === 0)).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/受控|restricted/i);
    expect((await records(id, 'license')).body.items).toEqual([]);
    const html = await (await get(`/org/${id}`)).text();
    expect(html).not.toContain('受控');
  });

  it('R-6.2 a withdrawn record leaves its tab and count', async () => {
    const f = await seedReportFixture();
    expect(counts((await profile(f.subjectId)).body).penalty).toBe(1);
    expect((await get(`/org/${f.subjectId}/records/${f.penalty.id}`)).status).toBe(200);
    await db.creditRecord.update({ where: { id: f.penalty.id }, data: { withdrawnAt: new Date() } });
    expect(counts((await profile(f.subjectId)).body).penalty).toBe(0);
    expect((await records(f.subjectId, 'penalty')).body.items).toEqual([]);
    expect((await get(`/org/${f.subjectId}/records/${f.penalty.id}`)).status).toBe(404);
    // The one withdrawn by its provider before (the fixture's) was never there.
    expect((await get(`/org/${f.subjectId}/records/${f.withdrawn.id}`)).status).toBe(404);
  });

  it('R-6.1 tabs page newest first by keyset; a bad tab or cursor is 400, an unknown or personal subject 404', async () => {
    const id = await idOf(orgs[2]!.uscc);
    expect((await records(id, 'nope')).status).toBe(400);
    const bad = await records(id, 'penalty', 'not-a-cursor!');
    expect(bad.status).toBe(400);
    expect(hasChinese(bad.body.detail)).toBe(true);
    const person = await db.subject.findFirstOrThrow({ where: { kind: 'PERSON' } });
    for (const subject of [person.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '-1', '1000000000']) {
      const res = await profile(subject);
      expect(res.status).toBe(404);
      expect(hasChinese(res.body.detail)).toBe(true);
    }
    expect((await get(`/org/${person.id}`)).status).toBe(404);
  });
});

describe('person query', () => {
  const ask = async (json: unknown, raw?: string) => {
    const res = await fetch(`${APP_URL}/api/public/person`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: APP_URL },
      body: raw ?? JSON.stringify(json),
    });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown>,
      cache: res.headers.get('cache-control'),
    };
  };

  it('R-6.1 needs both the name and the 身份证号; a wrong check character or birth date is refused', async () => {
    const o = orgs[5]!;
    for (const json of [
      {},
      { name: o.legalRep.name },
      { idNumber: o.legalRep.idNumber },
      { name: ' ', idNumber: o.legalRep.idNumber },
      { name: o.legalRep.name, idNumber: '' },
    ]) {
      const { status, body } = await ask(json);
      expect(status).toBe(400);
      expect(hasChinese(body.detail)).toBe(true);
    }
    const wrongCheck = o.legalRep.idNumber.slice(0, 17) + (o.legalRep.idNumber.endsWith('1') ? '2' : '1');
    expect((await ask({ name: o.legalRep.name, idNumber: wrongCheck })).status).toBe(400);
    expect((await ask({ name: o.legalRep.name, idNumber: makeIdNumber('410823', '20991231', '123') })).status).toBe(
      400,
    );
    expect((await ask({ name: '<script>', idNumber: o.legalRep.idNumber })).status).toBe(400);
    expect((await ask({ name: '张'.repeat(1000), idNumber: o.legalRep.idNumber })).status).toBe(400);
    expect((await ask(null, '{not json')).status).toBe(400);
  });

  it('R-6.1 answers the same whether the person is on file or not, with nothing cached', async () => {
    const o = orgs[5]!;
    const known = await ask({ name: o.legalRep.name, idNumber: o.legalRep.idNumber });
    const unknown = await ask({ name: o.legalRep.name, idNumber: makeIdNumber('410823', '19800101', '777') });
    const wrongName = await ask({ name: '司马相如', idNumber: o.legalRep.idNumber });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual(unknown.body);
    expect(wrongName.body.items).toEqual([]);
    expect(known.cache).toContain('no-store');
    expect(JSON.stringify(known.body)).not.toContain(o.legalRep.idNumber);
    expect(JSON.stringify(known.body)).not.toContain(o.legalRep.name.length > 1 ? o.legalRep.name : '\u0000');
  });
});
