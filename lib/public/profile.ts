// An organisation's public profile (issue 13, R-6.1): basic information with the legal representative masked,
// and one tab per kind of record (./tabs.ts) holding only what the publication rule publishes today, newest
// first, keyset-paginated. A restricted subject's profile looks like one without records: the rule already
// leaves its records out, and nothing here says why.
import { z } from 'zod';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { maskNamePublic } from '@/lib/crypto/mask';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { publicValues } from '@/lib/publication/public-values';
import { publicationDay, publicRecordWhere } from '@/lib/publication/rule';
import { recordValues } from '@/lib/records/values';
import { decodeCursor, encodeCursor } from './cursor';
import { publicDb } from './read-db';
import { ORG_CATEGORY_LABEL } from './search';
import { catalogsByTab, PROFILE_TABS } from './tabs';

export const RECORDS_PAGE_SIZE = 20;
const NOT_FOUND = '未找到该主体，请核对后重新查询';
const RECORD_NOT_FOUND = '未找到该条公示信息，可能已过公示期或已撤销';

export const subjectIdSchema = z.uuid({ message: NOT_FOUND });

export interface PublicProfile {
  id: string;
  name: string;
  uscc: string | null;
  kindLabel: string | null;
  legalRepresentative: string | null;
  tabs: { key: string; label: string; count: number }[];
}

/** The subject if it is an organisation; a malformed id, an unknown one and a person are all "not found". */
async function orgOf(id: string) {
  if (!subjectIdSchema.safeParse(id).success) throw new NotFoundError(NOT_FOUND);
  const s = await publicDb.subject.findUnique({
    where: { id },
    select: { id: true, kind: true, name: true, uscc: true, orgCategory: true },
  });
  if (!s || s.kind !== 'ORG') throw new NotFoundError(NOT_FOUND);
  return s;
}

async function publicCatalogs() {
  return publicDb.catalog.findMany({
    where: { sensitivity: 'PUBLIC' },
    select: { id: true, code: true, category: true },
  });
}

export async function getPublicProfile(id: string): Promise<PublicProfile> {
  const s = await orgOf(id);
  const day = publicationDay();
  const catalogs = await publicCatalogs();
  const byTab = catalogsByTab(catalogs);
  const [rep, counts] = await Promise.all([
    publicDb.subjectLink.findFirst({
      where: { orgId: s.id, role: 'LEGAL_REPRESENTATIVE', until: null },
      orderBy: { createdAt: 'desc' },
      select: { person: { select: { name: true } } },
    }),
    Promise.all(
      PROFILE_TABS.map((t) => {
        const ids = byTab.get(t.key) ?? [];
        return ids.length === 0
          ? 0
          : publicDb.creditRecord.count({ where: { subjectId: s.id, ...publicRecordWhere(day, ids) } });
      }),
    ),
  ]);
  return {
    id: s.id,
    name: s.name,
    uscc: s.uscc,
    kindLabel: s.orgCategory ? (ORG_CATEGORY_LABEL[s.orgCategory] ?? null) : null,
    legalRepresentative: rep ? maskNamePublic(rep.person.name) : null,
    tabs: PROFILE_TABS.map((t, i) => ({ key: t.key, label: t.label, count: counts[i]! })),
  };
}

export interface PublicField {
  key: string;
  label: string;
  value: string;
}
export interface PublicRecordSummary {
  id: string;
  catalogName: string;
  /** 决定日期 (or the day its publicity started), YYYY-MM-DD. */
  date: string;
  title: string;
  fields: PublicField[];
}

const recordCursor = z.tuple([z.iso.date(), z.uuid()]);
export const tabKeySchema = z.enum(PROFILE_TABS.map((t) => t.key) as [string, ...string[]], {
  message: '请选择要查看的信息类别',
});

export async function getPublicRecords(
  id: string,
  tab: string,
  after?: string | null,
): Promise<{ items: PublicRecordSummary[]; next: string | null }> {
  const key = tabKeySchema.safeParse(tab);
  if (!key.success) throw new ValidationError('请选择要查看的信息类别');
  const cursor = decodeCursor(after, recordCursor);
  const s = await orgOf(id);
  const ids = catalogsByTab(await publicCatalogs()).get(key.data) ?? [];
  if (ids.length === 0) return { items: [], next: null };
  const day = publicationDay();
  const cursorDate = cursor ? new Date(`${cursor[0]}T00:00:00Z`) : null;
  const rows = await publicDb.creditRecord.findMany({
    where: {
      subjectId: s.id,
      ...publicRecordWhere(day, ids),
      ...(cursor && cursorDate
        ? {
            OR: [{ publicityStart: { lt: cursorDate } }, { publicityStart: cursorDate, id: { lt: cursor[1] } }],
          }
        : {}),
    },
    orderBy: [{ publicityStart: 'desc' }, { id: 'desc' }],
    take: RECORDS_PAGE_SIZE + 1,
    select: { id: true, data: true, catalogVersionId: true, publicityStart: true },
  });
  const defs = await defsOf(rows.map((r) => r.catalogVersionId));
  const page = rows.slice(0, RECORDS_PAGE_SIZE);
  const items = page.map((r) => summary(r, defs.get(r.catalogVersionId)!));
  const last = page[page.length - 1];
  return {
    items,
    next: rows.length > RECORDS_PAGE_SIZE && last ? encodeCursor([dayOf(last.publicityStart), last.id]) : null,
  };
}

/** One public record of an organisation with every public field; 404 when it is not public today. */
export async function getPublicRecord(
  subjectId: string,
  recordId: string,
): Promise<PublicRecordSummary & { subjectName: string; publicityEnd: string | null }> {
  const s = await orgOf(subjectId);
  if (!subjectIdSchema.safeParse(recordId).success) throw new NotFoundError(RECORD_NOT_FOUND);
  const catalogs = await publicCatalogs();
  const r = await publicDb.creditRecord.findFirst({
    where: {
      id: recordId,
      subjectId: s.id,
      ...publicRecordWhere(
        publicationDay(),
        catalogs.map((c) => c.id),
      ),
    },
    select: { id: true, data: true, catalogVersionId: true, publicityStart: true, publicityEnd: true },
  });
  if (!r) throw new NotFoundError(RECORD_NOT_FOUND);
  const def = (await defsOf([r.catalogVersionId])).get(r.catalogVersionId)!;
  return { ...summary(r, def, true), subjectName: s.name, publicityEnd: r.publicityEnd ? dayOf(r.publicityEnd) : null };
}

async function defsOf(versionIds: string[]): Promise<Map<string, CatalogDef>> {
  const unique = [...new Set(versionIds)];
  const defs = await Promise.all(unique.map((v) => loadCatalogDef(publicDb, v)));
  return new Map(defs.map((d) => [d.versionId, d]));
}

/** Fields a list line shows; the detail page shows every public field. */
const SUMMARY_KEYS = ['decisionNumber', 'licenseName', 'penaltyType', 'negativeType', 'positiveType', 'authority'];
const TITLE_KEYS = ['licenseName', 'decisionNumber', 'facts'];

function summary(
  r: { id: string; data: unknown; publicityStart: Date | null },
  def: CatalogDef,
  full = false,
): PublicRecordSummary {
  // Sealed (personal) fields are never read on the public path: wuzhi_public_reader has no grant on the column
  // (migration 20261203130800_public_protection), and a public page would mask them anyway.
  const values: RowValues = publicValues(def.fields, recordValues({ data: r.data, sealed: null }), 'ORG');
  const fields: PublicField[] = [];
  for (const f of def.fields) {
    const v = values[f.key];
    if (v === undefined || v === '') continue;
    if (!full && !SUMMARY_KEYS.includes(f.key)) continue;
    const label = f.codeTable ? def.codeTables[f.codeTable]?.items.find((i) => i.code === v)?.label : undefined;
    fields.push({ key: f.key, label: f.label, value: label ?? v });
  }
  const titleKey = TITLE_KEYS.find((k) => values[k]);
  return {
    id: r.id,
    catalogName: def.name,
    date: values.decisionDate ?? dayOf(r.publicityStart),
    title: titleKey ? values[titleKey]! : def.name,
    fields,
  };
}

function dayOf(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : '';
}
