// The queries of the public-query benchmark: each one an app endpoint of CONTRACTS.md (URL shapes) and the SQL
// the same answer takes directly on PostgreSQL (the baseline, run in the same process run with the same
// parameters). Parameters are sampled from the benchmark database so every request asks for something real.
import type pg from 'pg';
import { publicRecordSql } from '../../../lib/publication/rule';
import { encodeRecordKey } from '../../../lib/subjects/cursor';
import { nameSearchRows, searchKey, type RawQuery } from '../../../lib/public/search-sql';

// lib/public/search.ts's page size (that file is server-only: not importable here).
const SEARCH_PAGE_SIZE = 20;

export interface Sample {
  /** Subjects with records (profile, tabs, report), weighted towards those with many (deep tabs). */
  subjectIds: string[];
  usccs: string[];
  /** Name fragments of each length, cut from real names. */
  fragments: Record<1 | 2 | 3 | 6, string[]>;
  penaltyCatalogId: string;
  licenseCatalogId: string;
  publicCatalogIds: string[];
  /**
   * Keyset positions deep in the staff's 行政处罚 list (createdAt, id), sampled across the older half of it: the
   * list has ~1,750,000 records, so a position is tens of thousands of pages from the first.
   */
  deepKeys: { at: Date; id: string }[];
  today: string;
}

export interface BenchQuery {
  key: string;
  label: string;
  /** p95 goal in ms. */
  goalP95: number;
  /** The app's request: path (and method, body, whether the staff session is needed). */
  http(s: Sample, pick: <T>(list: T[]) => T): { path: string; staff?: boolean };
  /** The same answer directly on PostgreSQL: one or more statements. */
  direct(c: pg.ClientBase, s: Sample, pick: <T>(list: T[]) => T): Promise<unknown>;
}

// The app's own statements (lib/public/search-sql.ts), run here on a plain pg client: the baseline is exactly
// the SQL the app sends, without Next, Prisma and the guard.
const viaPg =
  (c: pg.ClientBase): RawQuery =>
  async <T>(sql: string, ...params: unknown[]) =>
    (await c.query(sql, params)).rows as T[];
const searchDirect = (c: pg.ClientBase, q: string) =>
  nameSearchRows(viaPg(c), searchKey(q), null, SEARCH_PAGE_SIZE + 1);

const tabSql = (day: string) =>
  `SELECT r.id, r.data, r."catalogVersionId", r."publicityStart" FROM "CreditRecord" r
    WHERE r."subjectId" = $1 AND r."catalogId" = $4 AND ${publicRecordSql('r', '$2', '$3')}
    ORDER BY r."publicityStart" DESC, r.id DESC LIMIT 21`.replace('$$day', day);

const countsSql = `SELECT r."catalogId", count(*)::int AS n FROM "CreditRecord" r
  WHERE r."subjectId" = $1 AND ${publicRecordSql('r', '$2', '$3')} GROUP BY r."catalogId"`;

export const QUERIES: BenchQuery[] = [
  {
    key: 'code',
    label: '代码查询 (18-char code)',
    goalP95: 50,
    http: (s, pick) => ({ path: `/api/public/search?q=${pick(s.usccs)}` }),
    direct: (c, s, pick) =>
      c.query(`SELECT id, name, uscc, "orgCategory" FROM "Subject" WHERE uscc = $1 AND kind = 'ORG' LIMIT 1`, [
        pick(s.usccs),
      ]),
  },
  ...([1, 2, 3, 6] as const).map((n): BenchQuery => ({
    key: `search${n}`,
    label: `名称检索, ${n} 字`,
    goalP95: 60,
    http: (s, pick) => ({ path: `/api/public/search?q=${encodeURIComponent(pick(s.fragments[n]))}` }),
    direct: (c, s, pick) => searchDirect(c, pick(s.fragments[n])),
  })),
  {
    key: 'profile',
    label: '主体信息 (profile + tab counts)',
    goalP95: 50,
    http: (s, pick) => ({ path: `/api/public/subjects/${pick(s.subjectIds)}` }),
    direct: async (c, s, pick) => {
      const id = pick(s.subjectIds);
      await c.query(`SELECT id, kind, name, uscc, "orgCategory", restricted FROM "Subject" WHERE id = $1`, [id]);
      return c.query(countsSql, [id, s.today, s.publicCatalogIds]);
    },
  },
  {
    key: 'tab',
    label: '主体信息一页 (行政许可 tab, first page)',
    goalP95: 50,
    http: (s, pick) => ({ path: `/api/public/subjects/${pick(s.subjectIds)}/records?tab=license` }),
    direct: (c, s, pick) =>
      c.query(tabSql(s.today), [pick(s.subjectIds), s.today, s.publicCatalogIds, s.licenseCatalogId]),
  },
  {
    key: 'report',
    label: '信用报告 PDF',
    goalP95: 300,
    http: (s, pick) => ({ path: `/api/public/subjects/${pick(s.subjectIds)}/report` }),
    // The report's reads (no rendering): the subject and all its public records.
    direct: async (c, s, pick) => {
      const id = pick(s.subjectIds);
      await c.query(`SELECT id, kind, name, uscc FROM "Subject" WHERE id = $1`, [id]);
      return c.query(
        `SELECT r."catalogVersionId", r.data, r."decisionDate" FROM "CreditRecord" r
          WHERE r."subjectId" = $1 AND ${publicRecordSql('r', '$2', '$3')} ORDER BY r."decisionDate" DESC LIMIT 500`,
        [id, s.today, s.publicCatalogIds],
      );
    },
  },
  {
    key: 'staffSubject',
    label: '工作人员主体视图',
    goalP95: 50,
    http: (s, pick) => ({ path: `/api/subjects/${pick(s.subjectIds)}`, staff: true }),
    direct: async (c, s, pick) => {
      const id = pick(s.subjectIds);
      await c.query(`SELECT * FROM "Subject" WHERE id = $1`, [id]);
      return c.query(`SELECT "catalogId", count(*)::int FROM "CreditRecord" WHERE "subjectId" = $1 GROUP BY 1`, [id]);
    },
  },
  {
    key: 'staffDeep',
    label: '工作人员记录列表，深页 (keyset)',
    goalP95: 50,
    // The cursor as lib/records keyset writes it into a page's `next` (lib/subjects/cursor.ts).
    http: (s, pick) => ({
      path: `/api/records?catalog=ADMIN_PENALTY&after=${encodeRecordKey(pick(s.deepKeys))}`,
      staff: true,
    }),
    // recordPage's statement (lib/records/scoped-records.ts) with the names it includes, for a centre-wide scope.
    direct: (c, s, pick) => {
      const k = pick(s.deepKeys);
      return c.query(
        `SELECT r.*, d.name AS "deptName", sj.name AS "subjectName", sj.kind, sj.restricted
           FROM "CreditRecord" r JOIN "Department" d ON d.id = r."providerDeptId"
           LEFT JOIN "Subject" sj ON sj.id = r."subjectId"
          WHERE r."catalogId" = $1 AND r."createdAt" <= $2 AND (r."createdAt" < $2 OR r.id < $3::uuid)
          ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
        [s.penaltyCatalogId, k.at, k.id],
      );
    },
  },
];

/** Parameters for the run, from the database. */
export async function sampleParameters(c: pg.ClientBase, today: string): Promise<Sample> {
  const { rows: cats } = await c.query<{ id: string; code: string; sensitivity: string }>(
    `SELECT id, code, sensitivity FROM "Catalog"`,
  );
  const id = (code: string) => cats.find((x) => x.code === code)!.id;
  // TABLESAMPLE: a random 0.1% of pages, not a sort of the whole table.
  const { rows: orgs } = await c.query<{ id: string; name: string; uscc: string }>(
    `SELECT id, name, uscc FROM "Subject" TABLESAMPLE SYSTEM (1) WHERE kind = 'ORG' AND uscc IS NOT NULL LIMIT 2000`,
  );
  const { rows: withRecords } = await c.query<{ subjectId: string }>(
    `SELECT "subjectId" FROM "CreditRecord" TABLESAMPLE SYSTEM (0.1) WHERE "subjectId" IS NOT NULL LIMIT 2000`,
  );
  const fragments: Sample['fragments'] = { 1: [], 2: [], 3: [], 6: [] };
  for (const o of orgs) {
    for (const n of [1, 2, 3, 6] as const) {
      if (o.name.length < n) continue;
      const at = Math.floor(Math.random() * (o.name.length - n + 1));
      fragments[n].push(o.name.slice(at, at + n));
    }
  }
  const { rows: deep } = await c.query<{ at: Date; id: string }>(
    `SELECT "createdAt" AS at, id FROM "CreditRecord" TABLESAMPLE SYSTEM (0.1)
      WHERE "catalogId" = $1 AND "createdAt" < now() - interval '2 years' LIMIT 200`,
    [id('ADMIN_PENALTY')],
  );
  return {
    subjectIds: withRecords.map((r) => r.subjectId),
    usccs: orgs.map((o) => o.uscc),
    fragments,
    penaltyCatalogId: id('ADMIN_PENALTY'),
    licenseCatalogId: id('ADMIN_LICENSE'),
    publicCatalogIds: cats.filter((x) => x.sensitivity === 'PUBLIC').map((x) => x.id),
    deepKeys: deep,
    today,
  };
}
