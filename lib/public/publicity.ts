// 双公示 lists (issue 13): the latest published 行政许可 and 行政处罚 of the county, newest decision first,
// filterable by department, decision-date range and category (许可类别 / 处罚类别), keyset-paginated on
// (decisionDate, id) so page 1,000 costs what page 1 does. Only what the publication rule publishes, read
// through publicDb; served by the partial indexes of migration 20261203120938_credit_report.
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { publicSubjectName, publicValues } from '@/lib/publication/public-values';
import { publicCatalogIds, publicRecordSql, publicationDay } from '@/lib/publication/rule';
import { cachedCatalogDef, displayValue } from '@/lib/report/catalog-defs';

export const PUBLICITY_PAGE_SIZE = 20;

export const PUBLICITY_TYPES = {
  license: {
    catalog: 'ADMIN_LICENSE',
    label: '行政许可',
    categoryKey: 'licenseCategory',
    categoryTable: 'license_category',
    titleKey: 'docNumber',
    contentKey: 'licenseContent',
  },
  penalty: {
    catalog: 'ADMIN_PENALTY',
    label: '行政处罚',
    categoryKey: 'penaltyCategory',
    categoryTable: 'penalty_category',
    titleKey: 'decisionNumber',
    contentKey: 'penaltyContent',
  },
} as const;
export type PublicityType = keyof typeof PUBLICITY_TYPES;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      '日期无效',
    )
    .optional(),
);

export const publicityQuerySchema = z
  .object({
    type: z.preprocess(
      blank,
      z.enum(['license', 'penalty'], { error: '公示类型应为行政许可或行政处罚' }).default('penalty'),
    ),
    dept: z.preprocess(
      blank,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,32}$/, '部门参数无效')
        .optional(),
    ),
    category: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{2}$/, '类别参数无效')
        .optional(),
    ),
    from: day,
    to: day,
    after: z.preprocess(blank, z.string().max(200, '分页参数无效，请从第一页重新查询').optional()),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期' });
export type PublicityQuery = z.infer<typeof publicityQuerySchema>;

export interface PublicityItem {
  id: string;
  subjectId: string | null;
  subjectName: string;
  /** The record's public detail page (h-search's route); null when the subject is not an organisation. */
  href: string | null;
  date: string;
  title: string;
  category: string;
  content: string;
  department: string;
}

export interface PublicityPage {
  type: PublicityType;
  items: PublicityItem[];
  next: string | null;
}

export function encodeCursor(date: string, id: string): string {
  return Buffer.from(JSON.stringify([date, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(v[0]) &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    )
      return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new ValidationError('分页参数无效，请从第一页重新查询');
}

interface Row {
  id: string;
  subjectId: string | null;
  catalogVersionId: string;
  decisionDate: string;
  data: Record<string, string> | null;
  department: string;
  subjectKind: 'ORG' | 'PERSON' | null;
  subjectName: string | null;
}

export async function publicityPage(db: Db, q: PublicityQuery, now: Date = new Date()): Promise<PublicityPage> {
  const type = PUBLICITY_TYPES[q.type];
  const catalog = await db.catalog.findUnique({ where: { code: type.catalog }, select: { id: true } });
  const catalogIds = await publicCatalogIds(db);
  if (!catalog || !catalogIds.includes(catalog.id)) return { type: q.type, items: [], next: null };

  const args: unknown[] = [catalog.id, publicationDay(now), catalogIds];
  const where = [`r."catalogId" = $1::uuid`, publicRecordSql('r', '$2', '$3'), `r."decisionDate" IS NOT NULL`];
  if (q.dept) {
    const dept = await db.department.findUnique({ where: { code: q.dept }, select: { id: true } });
    if (!dept) return { type: q.type, items: [], next: null };
    args.push(dept.id);
    where.push(`r."providerDeptId" = $${args.length}::uuid`);
  }
  if (q.category) {
    args.push(q.category);
    // The expression of the category index, word for word.
    where.push(`COALESCE(r."data"->>'penaltyCategory', r."data"->>'licenseCategory') = $${args.length}`);
  }
  if (q.from) {
    args.push(q.from);
    where.push(`r."decisionDate" >= $${args.length}::date`);
  }
  if (q.to) {
    args.push(q.to);
    where.push(`r."decisionDate" <= $${args.length}::date`);
  }
  if (q.after) {
    const [d, id] = decodeCursor(q.after);
    args.push(d, id);
    where.push(`(r."decisionDate", r.id) < ($${args.length - 1}::date, $${args.length}::uuid)`);
  }
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT r.id, r."subjectId", r."catalogVersionId", to_char(r."decisionDate", 'YYYY-MM-DD') AS "decisionDate",
            r.data, d.name AS department, s.kind AS "subjectKind", s.name AS "subjectName"
       FROM "CreditRecord" r
       JOIN "Department" d ON d.id = r."providerDeptId"
       LEFT JOIN "Subject" s ON s.id = r."subjectId"
      WHERE ${where.join(' AND ')}
      ORDER BY r."decisionDate" DESC, r.id DESC
      LIMIT ${PUBLICITY_PAGE_SIZE + 1}`,
    ...args,
  );
  const page = rows.slice(0, PUBLICITY_PAGE_SIZE);
  const items: PublicityItem[] = [];
  for (const row of page) {
    const def = await cachedCatalogDef(db, row.catalogVersionId);
    const values = publicValues(def.fields, row.data ?? {}, row.subjectKind);
    const field = (key: string) => def.fields.find((f) => f.key === key);
    const categoryField = field(type.categoryKey);
    const name = row.subjectName
      ? publicSubjectName({ kind: row.subjectKind ?? 'ORG', name: row.subjectName })
      : (values.subjectName ?? '—');
    items.push({
      id: row.id,
      subjectId: row.subjectId,
      subjectName: name,
      href: row.subjectId && row.subjectKind === 'ORG' ? `/org/${row.subjectId}/records/${row.id}` : null,
      date: row.decisionDate,
      title: values[type.titleKey] ?? type.label,
      category:
        categoryField && values[type.categoryKey] ? displayValue(def, categoryField, values[type.categoryKey]!) : '',
      content: truncate(values[type.contentKey] ?? '', 120),
      department: row.department,
    });
  }
  const last = page[page.length - 1];
  return {
    type: q.type,
    items,
    next: rows.length > PUBLICITY_PAGE_SIZE && last ? encodeCursor(last.decisionDate, last.id) : null,
  };
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** The filter choices: departments providing the type's catalog, and its categories. */
export async function publicityFilters(db: Db, type: PublicityType) {
  const t = PUBLICITY_TYPES[type];
  const [departments, table] = await Promise.all([
    db.department.findMany({
      where: { catalogGrants: { some: { catalog: { code: t.catalog } } } },
      select: { code: true, name: true },
      orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
    }),
    db.codeTable.findUnique({
      where: { code: t.categoryTable },
      select: {
        items: { where: { enabled: true }, select: { code: true, label: true }, orderBy: { sortOrder: 'asc' } },
      },
    }),
  ]);
  return { departments, categories: table?.items ?? [] };
}
