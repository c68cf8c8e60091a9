// What may be published: records written through the real write path (the import's COPY and
// the fix loop's statements) carry their publicity window, and the one public rule hides a record for every
// reason there is — catalog not public, field not public, restricted subject, before its window, after its
// 公示截止日 (shown on that day, gone the next), withdrawn, repaired — at the boundary dates of docs/rules.md.
// The daily schedule writes 公示期满 into the record's timeline; staff restrict and lift subjects, audited.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { recordHistoryIfAsked } from '../support/histories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicityWindow } from '../../lib/catalog/admin/publicity';
import { checkRow } from '../../lib/catalog/check-row';
import { currentVersionId, loadCatalogDef } from '../../lib/catalog/load';
import type { CatalogDef, RowValues } from '../../lib/catalog/types';
import { loadUser } from '../../lib/auth/load-user';
import { db } from '../../lib/db';
import { ConflictError, ForbiddenError } from '../../lib/errors';
import { makeUscc } from '../../lib/identifiers/uscc';
import { prepareValues } from '../../lib/import/prepare-row';
import { rollbackBatch } from '../../lib/import/rollback';
import { pgRunner } from '../../lib/import/sql';
import { storeRows } from '../../lib/import/store-rows';
import { writeRecords } from '../../lib/import/write-records';
import { PUBLICITY_EXPIRED, recordPublicityExpiries } from '../../lib/publication/expiry';
import { publicValues } from '../../lib/publication/public-values';
import { setSubjectRestriction, subjectRestrictionSchema } from '../../lib/publication/restriction';
import {
  hiddenReasons,
  publicationDay,
  publicCatalogIds,
  publicRecordSql,
  publicRecordWhere,
} from '../../lib/publication/rule';
import { getRecordTimeline } from '../../lib/records/timeline';
import { PUBLICITY_EXPIRY_SCHEDULE_ID } from '../../worker/schedules';
import { createTestUser } from '../support/users';
import { waitFor } from '../support/wait';

const tag = randomBytes(3).toString('hex');
let def: CatalogDef;
let deptId: string;
let batchId: string;
let row = 0;
let catalogIds: string[];

afterAll(() => db.$disconnect());

beforeAll(async () => {
  def = await loadCatalogDef(db, await currentVersionId(db, 'NEGATIVE'));
  deptId = (await db.department.findUniqueOrThrow({ where: { code: 'RSJ' } })).id;
  batchId = await batchOf(def);
  catalogIds = await publicCatalogIds(db);
});

async function batchOf(d: CatalogDef): Promise<string> {
  const t = randomBytes(4).toString('hex');
  const batch = await db.importBatch.create({
    data: {
      number: `PUB-${t}`,
      catalogVersionId: d.versionId,
      providerDeptId: deptId,
      source: 'MANUAL',
      workflowId: `test-publication-${t}`,
      status: 'COMPLETED',
    },
  });
  return batch.id;
}

/** A 失信信息 row of a fresh organisation (or the given one), checked against the catalog. */
function negativeRow(over: RowValues, d: CatalogDef = def): RowValues {
  const n = ++row;
  const raw: RowValues = {
    subjectName: `武陟县公示测试${tag}第${n}有限公司`,
    subjectCategory: '02',
    uscc: makeUscc('91410823', randomBytes(4).toString('hex').toUpperCase()),
    negativeType: '01',
    severity: '2',
    facts: '拖欠农民工工资，经责令限期支付逾期未支付。',
    basis: '《保障农民工工资支付条例》第四十八条',
    decisionNumber: `武人社失〔2026〕${tag}-${n}号`,
    decisionDate: '2026-01-10',
    authority: '武陟县人力资源和社会保障局',
    authorityUscc: makeUscc('11410823', 'MB1234RQ'),
    sourceUnit: '武陟县人力资源和社会保障局',
    sourceUnitUscc: makeUscc('11410823', 'MB1234RQ'),
    ...over,
  };
  const { values, problems } = checkRow(d, raw, { today: new Date() });
  expect(problems).toEqual([]);
  return values;
}

/** Stores rows as an import does: one transaction, new records by COPY. Returns the record ids. */
async function importRows(rows: RowValues[], d: CatalogDef = def, batch = batchId): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    const prepared = rows.map((v, i) => prepareValues(d, 1000 + row + i, v)!);
    const { outcomes } = await writeRecords(
      pgRunner(client),
      { def: d, batchId: batch, providerDeptId: deptId },
      prepared,
    );
    await client.query('COMMIT');
    return outcomes.map((o) => {
      if (o.outcome === 'SUSPECT') throw new Error(JSON.stringify(o.problems));
      return o.recordId;
    });
  } finally {
    await client.end();
  }
}

/** Shown on the public site on `day`: asked through the Prisma filter and the SQL condition, which must agree. */
async function shownOn(recordId: string, day: string): Promise<boolean> {
  const viaPrisma = await db.creditRecord.count({ where: { id: recordId, ...publicRecordWhere(day, catalogIds) } });
  const viaSql = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "CreditRecord" r WHERE r.id = $1::uuid AND ${publicRecordSql('r', '$2', '$3')}`,
    recordId,
    day,
    catalogIds,
  );
  expect(viaSql[0]!.n).toBe(viaPrisma);
  return viaPrisma === 1;
}

const dayOf = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

async function windowOf(recordId: string) {
  const r = await db.creditRecord.findUniqueOrThrow({ where: { id: recordId } });
  return { start: dayOf(r.publicityStart), minEnd: dayOf(r.publicityMinEnd), end: dayOf(r.publicityEnd) };
}

describe('the publicity window stored with every record', () => {
  it('R-6.2 an import stores the 一般 and 严重 windows of docs/rules.md and the public rule follows them', async () => {
    const [general, serious, minor] = await importRows([
      negativeRow({ severity: '2' }),
      negativeRow({ severity: '3' }),
      negativeRow({ severity: '1' }),
    ]);
    expect(await windowOf(general!)).toEqual({ start: '2026-01-10', minEnd: '2026-04-10', end: '2027-01-10' });
    expect(await windowOf(serious!)).toEqual({ start: '2026-01-10', minEnd: '2027-01-10', end: '2029-01-10' });
    expect(await windowOf(minor!)).toEqual({ start: '2026-01-10', minEnd: '2026-01-10', end: '2026-04-10' });

    // Before the window, its first day, its 公示截止日 (still shown) and the day after (gone).
    expect(await shownOn(general!, '2026-01-09')).toBe(false);
    expect(await shownOn(general!, '2026-01-10')).toBe(true);
    expect(await shownOn(general!, '2027-01-10')).toBe(true);
    expect(await shownOn(general!, '2027-01-11')).toBe(false);
    expect(await shownOn(serious!, '2029-01-10')).toBe(true);
    expect(await shownOn(serious!, '2029-01-11')).toBe(false);
    expect(await shownOn(minor!, '2026-04-10')).toBe(true);
    expect(await shownOn(minor!, '2026-04-11')).toBe(false);
  });

  it('R-6.2 a correction through the fix loop moves the window with the new severity and 移出日期', async () => {
    const values = negativeRow({ severity: '2' });
    const [id] = await importRows([values]);
    await db.$transaction((tx) =>
      storeRows(tx, { def, batchId, providerDeptId: deptId }, [{ rowNumber: 1, values: { ...values, severity: '3' } }]),
    );
    expect(await windowOf(id!)).toEqual({ start: '2026-01-10', minEnd: '2027-01-10', end: '2029-01-10' });
    expect(await shownOn(id!, '2028-06-01')).toBe(true);

    await db.$transaction((tx) =>
      storeRows(tx, { def, batchId, providerDeptId: deptId }, [
        { rowNumber: 1, values: { ...values, severity: '3', removedDate: '2026-08-31' } },
      ]),
    );
    expect((await windowOf(id!)).end).toBe('2026-08-31');
    expect(await shownOn(id!, '2026-08-31')).toBe(true);
    expect(await shownOn(id!, '2026-09-01')).toBe(false);
  });

  it('R-6.2 rolling back a failed batch gives a record back the window of the state it restores', async () => {
    const values = negativeRow({ severity: '2' });
    const [id] = await importRows([values]);
    const failed = await batchOf(def);
    await importRows([{ ...values, severity: '3' }], def, failed);
    expect((await windowOf(id!)).end).toBe('2029-01-10');
    await rollbackBatch(db, failed);
    expect(await windowOf(id!)).toEqual({ start: '2026-01-10', minEnd: '2026-04-10', end: '2027-01-10' });
  });

  it('R-6.2 the migration back-fills the window of records stored before it', async () => {
    const [id] = await importRows([negativeRow({ severity: '3' })]);
    await db.creditRecord.update({
      where: { id: id! },
      data: { publicityStart: null, publicityMinEnd: null, publicityEnd: null },
    });
    const migration = readFileSync(
      new URL('../../prisma/migrations/20261203083820_publication/migration.sql', import.meta.url),
      'utf8',
    );
    const backFill = migration.slice(migration.indexOf('-- Back-fill'));
    await db.$executeRawUnsafe(backFill);
    expect(await windowOf(id!)).toEqual({ start: '2026-01-10', minEnd: '2027-01-10', end: '2029-01-10' });
  });

  it('the back-fill function of the migration computes the same windows as the write path', async () => {
    const rule = def.publicityRule;
    const cases: RowValues[] = [
      { decisionDate: '2026-01-10', severity: '1' },
      { decisionDate: '2026-01-10', severity: '2' },
      { decisionDate: '2026-01-10', severity: '3' },
      { decisionDate: '2026-01-31', severity: '9' },
      { decisionDate: '2027-11-30', severity: '1' },
      { decisionDate: '2026-01-10', severity: '3', removedDate: '2026-06-30' },
      { decisionDate: '2026-01-10', severity: '2', removedDate: '2028-06-30' },
      { severity: '2' },
    ];
    for (const values of cases) {
      const [sql] = await db.$queryRawUnsafe<{ start: string | null; minEnd: string | null; end: string | null }[]>(
        `SELECT to_char(w."start", 'YYYY-MM-DD') AS start, to_char(w."minEnd", 'YYYY-MM-DD') AS "minEnd",
                to_char(w."end", 'YYYY-MM-DD') AS "end"
           FROM credit_publicity_window($1::jsonb, $2::jsonb) w`,
        JSON.stringify(rule),
        JSON.stringify(values),
      );
      expect(sql, JSON.stringify(values)).toEqual(
        publicityWindow(rule, values) ?? { start: null, minEnd: null, end: null },
      );
    }
  });
});

describe('every reason a record is hidden', () => {
  const day = '2026-06-01';

  it('R-2.5 a catalog not classified public keeps all its records off the site', async () => {
    const negative = await db.catalogVersion.findUniqueOrThrow({
      where: { id: def.versionId },
      include: { fields: true },
    });
    const catalog = await db.catalog.create({
      data: {
        code: `PUB_SHARED_${tag}`,
        name: `共享失信信息${tag}`,
        category: 'NEGATIVE',
        sensitivity: 'SHARED',
        versions: {
          create: {
            version: 1,
            status: 'PUBLISHED',
            naturalKey: negative.naturalKey,
            rules: negative.rules ?? [],
            publicityRule: negative.publicityRule ?? undefined,
            fields: { create: negative.fields.map(({ id: _id, versionId: _v, ...f }) => f) },
          },
        },
      },
      include: { versions: true },
    });
    const shared = await loadCatalogDef(db, catalog.versions[0]!.id);
    const [id] = await importRows([negativeRow({}, shared)], shared, await batchOf(shared));
    expect(await windowOf(id!)).toMatchObject({ start: '2026-01-10', end: '2027-01-10' });
    expect(await shownOn(id!, day)).toBe(false);
  });

  it('R-2.5 a field not classified public is never among the shown values; personal names are masked', async () => {
    const values = negativeRow({
      legalRepName: '王小明',
      legalRepCertType: '01',
      legalRepIdNumber: '11010519491231002X',
    });
    const [id] = await importRows([values]);
    expect(await shownOn(id!, day)).toBe(true);
    const shown = publicValues(def.fields, values, 'ORG');
    expect(shown).not.toHaveProperty('legalRepIdNumber');
    expect(shown.legalRepName).toBe('王*明');
    expect(shown.facts).toBe(values.facts);
    expect(Object.keys(shown).every((k) => def.fields.find((f) => f.key === k)?.visibility === 'PUBLIC')).toBe(true);
  });

  it('R-2.5 a restricted subject: staff restrict it with a reason (audited), its records leave, lifting brings them back', async () => {
    const [id] = await importRows([negativeRow({})]);
    const { subjectId } = await db.creditRecord.findUniqueOrThrow({ where: { id: id! } });
    const staff = (await loadUser({ id: (await createTestUser({ roles: ['CENTRE_STAFF'] })).id }))!;
    expect(await shownOn(id!, day)).toBe(true);

    await setSubjectRestriction(staff, subjectId!, { restricted: true, reason: '涉及国家秘密，暂不公开' }, '10.0.0.1');
    expect(await shownOn(id!, day)).toBe(false);
    const subject = await db.subject.findUniqueOrThrow({ where: { id: subjectId! } });
    expect(subject).toMatchObject({
      restricted: true,
      restrictedReason: '涉及国家秘密，暂不公开',
      restrictedById: staff.id,
    });
    await expect(
      setSubjectRestriction(staff, subjectId!, { restricted: true, reason: '再设一次受控' }, null),
    ).rejects.toBeInstanceOf(ConflictError);

    await setSubjectRestriction(staff, subjectId!, { restricted: false, reason: '保密期限届满' }, '10.0.0.1');
    expect(await shownOn(id!, day)).toBe(true);
    const audits = await db.auditLog.findMany({
      where: { module: 'subject', objectId: subjectId! },
      orderBy: { id: 'asc' },
    });
    expect(
      audits.map((a) => [a.action, a.result, a.username, (a.detail as { reason?: string } | null)?.reason]),
    ).toEqual([
      ['RESTRICT', 'OK', staff.username, '涉及国家秘密，暂不公开'],
      ['UNRESTRICT', 'OK', staff.username, '保密期限届满'],
    ]);
  });

  it('R-2.5 a user without the permission cannot restrict a subject, and the attempt is audited', async () => {
    const [id] = await importRows([negativeRow({})]);
    const { subjectId } = await db.creditRecord.findUniqueOrThrow({ where: { id: id! } });
    const operator = (await loadUser({ id: (await createTestUser({ roles: ['DEPT_OPERATOR'], dept: 'RSJ' })).id }))!;
    await expect(
      setSubjectRestriction(operator, subjectId!, { restricted: true, reason: '部门想隐藏本单位记录' }, null),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.subject.findUniqueOrThrow({ where: { id: subjectId! } })).restricted).toBe(false);
    expect(await db.auditLog.count({ where: { module: 'subject', objectId: subjectId!, result: 'DENIED' } })).toBe(1);
    expect(subjectRestrictionSchema.safeParse({ restricted: true, reason: '  ' }).error?.issues[0]?.message).toBe(
      '请写明原因（至少4个字）',
    );
  });

  it('R-6.2 a withdrawn or repaired record is off the site inside its window', async () => {
    const [withdrawn, repaired] = await importRows([negativeRow({}), negativeRow({})]);
    await db.creditRecord.update({ where: { id: withdrawn! }, data: { withdrawnAt: new Date() } });
    await db.creditRecord.update({ where: { id: repaired! }, data: { repairedAt: new Date() } });
    expect(await shownOn(withdrawn!, day)).toBe(false);
    expect(await shownOn(repaired!, day)).toBe(false);
  });

  it('R-2.5 the staff record page says why the public site does not show a record', async () => {
    const [id] = await importRows([negativeRow({ decisionDate: '2025-01-10', severity: '1' })]);
    const staff = (await loadUser({ id: (await createTestUser({ roles: ['CENTRE_STAFF'] })).id }))!;
    const { record } = await getRecordTimeline(staff, id!, null);
    expect(record.hiddenReasons).toEqual(['AFTER_WINDOW']);
  });
});

describe('公示期满 in the record timeline', () => {
  it('R-6.2 the daily job writes 公示期满 once for a record the day after its 公示截止日', async () => {
    const [ending, later] = await importRows([
      negativeRow({ decisionDate: '2026-01-10', severity: '2' }),
      negativeRow({ decisionDate: '2026-01-10', severity: '3' }),
    ]);
    await recordPublicityExpiries(db, { day: '2027-01-10' });
    expect(await db.recordEvent.count({ where: { recordId: ending! } })).toBe(0);

    await recordPublicityExpiries(db, { day: '2027-01-11' });
    await recordPublicityExpiries(db, { day: '2027-01-12' }); // a second run, and a retry, write nothing again
    const events = await db.recordEvent.findMany({ where: { recordId: { in: [ending!, later!] } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ recordId: ending, kind: PUBLICITY_EXPIRED });
    expect(events[0]!.message).toContain('2027-01-10');
    // It left the site at midnight Beijing time after its last day.
    expect(events[0]!.at.toISOString()).toBe('2027-01-10T16:00:00.000Z');

    const staff = (await loadUser({ id: (await createTestUser({ roles: ['CENTRE_STAFF'] })).id }))!;
    const { entries } = await getRecordTimeline(staff, ending!, null);
    expect(entries.find((e) => e.kind === PUBLICITY_EXPIRED)).toMatchObject({ source: 'record' });
  });

  it('R-6.2 runs from the Temporal schedule the worker registered', async () => {
    const today = publicationDay();
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const [id] = await importRows([negativeRow({ decisionDate: '2026-06-01', removedDate: yesterday })]);
    expect(await shownOn(id!, yesterday)).toBe(true);
    expect(await shownOn(id!, today)).toBe(false);

    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const client = new Client({ connection });
      const handle = client.schedule.getHandle(PUBLICITY_EXPIRY_SCHEDULE_ID);
      const described = await handle.describe();
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'publicityExpiry' });
      await handle.trigger();
      await waitFor('the scheduled run to write 公示期满', () =>
        db.recordEvent.findFirst({ where: { recordId: id!, kind: PUBLICITY_EXPIRED } }),
      );
      // The run's history, for the replay test: RECORD_HISTORIES=1 writes test/histories/publicity-expiry.json.
      if (process.env.RECORD_HISTORIES) {
        const run = await waitFor('the run to be listed', async () =>
          (await handle.describe()).info.recentActions.at(-1),
        );
        await recordHistoryIfAsked(client.workflow.getHandle(run.action.workflow.workflowId), 'publicity-expiry');
      }
    } finally {
      await connection.close();
    }
  });
});

describe('the rule on the staff side', () => {
  it('hiddenReasons agrees with the query for the stored record', async () => {
    const [id] = await importRows([negativeRow({ severity: '1' })]);
    const r = await db.creditRecord.findUniqueOrThrow({ where: { id: id! }, include: { subject: true } });
    for (const d of ['2026-01-09', '2026-04-10', '2026-04-11']) {
      const reasons = hiddenReasons(
        { catalogSensitivity: 'PUBLIC', subjectRestricted: r.subject?.restricted, ...r },
        d,
      );
      expect(reasons.length === 0).toBe(await shownOn(id!, d));
    }
  });
});
