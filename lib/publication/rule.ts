// What may be published: the one rule every public page, the credit report and the
// exports apply. A record is public on a day when
//   - its catalog is classified PUBLIC,
//   - its subject is not restricted (受控主体),
//   - the day lies inside its publicity window (公示期: start ≤ day ≤ 公示截止日, stored on the record by the
//     write path, so a query is an index range; no start: never published),
//   - and no hold takes it off the site (withdrawn, repaired — PUBLICATION_HOLDS).
// Of a public record only the fields classified PUBLIC are shown (publicFields), personal ones masked
// (./public-values.ts). The day is a Shanghai calendar day: a record disappears at midnight after its
// 公示截止日 without anyone acting, because every query compares with the day it runs on.
//
// Extending the rule (disputes hide a record while under dispute; listings add list entries): add a
// nullable column to CreditRecord whose non-null value hides the record, then its name to PUBLICATION_HOLDS
// with a HiddenReason — the Prisma filter, the SQL condition and hiddenReasons() all follow.
import { dayKeyOf } from '@/lib/calendar/workdays';
import type { FieldDef, Sensitivity } from '@/lib/catalog/types';
import type { Db, Prisma } from '@/lib/db';

/** CreditRecord columns that take a record off the public site while they are set, with the reason each gives. */
export const PUBLICATION_HOLDS = [
  { column: 'withdrawnAt', reason: 'WITHDRAWN' },
  { column: 'repairedAt', reason: 'REPAIRED' },
] as const;

type HoldColumn = (typeof PUBLICATION_HOLDS)[number]['column'];

export type HiddenReason =
  | 'CATALOG_NOT_PUBLIC'
  | 'SUBJECT_RESTRICTED'
  /** The catalog version's rule does not publish it, or the record lacks the date its window starts from. */
  | 'NOT_PUBLISHED'
  | 'BEFORE_WINDOW'
  | 'AFTER_WINDOW'
  | (typeof PUBLICATION_HOLDS)[number]['reason'];

export const HIDDEN_REASON_LABEL: Record<HiddenReason, string> = {
  CATALOG_NOT_PUBLIC: '所属目录不公开',
  SUBJECT_RESTRICTED: '主体已设为受控',
  NOT_PUBLISHED: '按公示期规则不公示',
  BEFORE_WINDOW: '尚未到公示日期',
  AFTER_WINDOW: '公示期满',
  WITHDRAWN: '已撤销',
  REPAIRED: '已信用修复',
};

/** Today as the public site counts days (Asia/Shanghai), YYYY-MM-DD. */
export function publicationDay(now: Date = new Date()): string {
  return dayKeyOf(now);
}

/** What one record's publication depends on; dates as YYYY-MM-DD strings or Prisma's @db.Date values. */
export interface PublicationFacts {
  catalogSensitivity: Sensitivity;
  subjectRestricted: boolean | null | undefined;
  publicityStart: DayValue;
  publicityEnd: DayValue;
  withdrawnAt?: Date | null;
  repairedAt?: Date | null;
}

type DayValue = string | Date | null | undefined;

/** Every reason the record is not on the public site on `day`; empty when it is public. */
export function hiddenReasons(facts: PublicationFacts, day: string): HiddenReason[] {
  const reasons: HiddenReason[] = [];
  if (facts.catalogSensitivity !== 'PUBLIC') reasons.push('CATALOG_NOT_PUBLIC');
  if (facts.subjectRestricted) reasons.push('SUBJECT_RESTRICTED');
  const start = dayOf(facts.publicityStart);
  const end = dayOf(facts.publicityEnd);
  if (!start) reasons.push('NOT_PUBLISHED');
  else if (day < start) reasons.push('BEFORE_WINDOW');
  else if (end && day > end) reasons.push('AFTER_WINDOW');
  for (const h of PUBLICATION_HOLDS) if (facts[h.column]) reasons.push(h.reason);
  return reasons;
}

export function isPublic(facts: PublicationFacts, day: string): boolean {
  return hiddenReasons(facts, day).length === 0;
}

/** Fields of a catalog version that a public page may show; personal ones still go through masking. */
export function publicFields<F extends Pick<FieldDef, 'visibility'>>(fields: readonly F[]): F[] {
  return fields.filter((f) => f.visibility === 'PUBLIC');
}

/** Ids of the catalogs classified PUBLIC: a handful, read once per query rather than joined per row. */
export async function publicCatalogIds(db: Db): Promise<string[]> {
  const rows = await db.catalog.findMany({ where: { sensitivity: 'PUBLIC' }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** The rule as a Prisma filter on CreditRecord, for the day `day` (YYYY-MM-DD). */
export function publicRecordWhere(day: string, catalogIds: readonly string[]): Prisma.CreditRecordWhereInput {
  const date = new Date(`${day}T00:00:00Z`);
  const holds = Object.fromEntries(PUBLICATION_HOLDS.map((h) => [h.column, null])) as Record<HoldColumn, null>;
  return {
    catalogId: { in: [...catalogIds] },
    publicityStart: { lte: date },
    ...holds,
    AND: [
      { OR: [{ publicityEnd: null }, { publicityEnd: { gte: date } }] },
      { OR: [{ subjectId: null }, { subject: { restricted: false } }] },
    ],
  };
}

/**
 * The rule as a SQL condition on the CreditRecord alias `r`, for raw queries. `day` and `catalogIds` are the
 * placeholders of the caller's parameters (e.g. '$2', '$3'): a date and a uuid[].
 */
export function publicRecordSql(r: string, day: string, catalogIds: string): string {
  const holds = PUBLICATION_HOLDS.map((h) => `${r}."${h.column}" IS NULL`).join(' AND ');
  return (
    `${r}."catalogId" = ANY(${catalogIds}::uuid[]) AND ${r}."publicityStart" <= ${day}::date ` +
    `AND (${r}."publicityEnd" IS NULL OR ${r}."publicityEnd" >= ${day}::date) AND ${holds} ` +
    `AND (${r}."subjectId" IS NULL OR NOT EXISTS ` +
    `(SELECT 1 FROM "Subject" ps WHERE ps.id = ${r}."subjectId" AND ps.restricted))`
  );
}

function dayOf(v: DayValue): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : v.toISOString().slice(0, 10);
}
