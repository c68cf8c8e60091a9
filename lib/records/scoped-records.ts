// 信用记录查询: credit records within the viewer's data scope — in full for the departments of
// their own scope, only in the granted columns for shared departments — with personal fields masked.
// The page, the API routes and any export read records through here.
import { actorOf, writeAudit } from '@/lib/audit';
import { fieldAccess, recordScopeWhere } from '@/lib/auth/field-access';
import type { CurrentUser } from '@/lib/auth/load-user';
import type { FieldType, Sensitivity } from '@/lib/catalog/types';
import { maskIdNumber, maskName, maskPhone } from '@/lib/crypto/mask';
import { unsealJson } from '@/lib/crypto/pii';
import { db, type Prisma } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import {
  HIDDEN_REASON_LABEL,
  hiddenReasons,
  publicationDay,
  publicCatalogIds,
  type HiddenReason,
} from '@/lib/publication/rule';
import { decodeRecordKey, encodeRecordKey } from '@/lib/subjects/cursor';
import { isControlled } from './controlled';
import { recordFilterWhere, type RecordFilter } from './record-filter';

export const RECORD_PAGE_SIZE = 20;

export interface ScopedRecord {
  id: string;
  providerDeptName: string;
  createdAt: Date;
  decisionDate: string | null;
  subjectId: string | null;
  subjectName: string | null;
  /** On the public site today; otherwise `hidden` says why (lib/publication/rule.ts hiddenReasons). */
  published: boolean;
  hidden: { code: HiddenReason; label: string }[];
  /** Readable values by field key ('' when empty); a key that is absent is not granted to this viewer. */
  values: Record<string, string>;
}

export interface FieldMeta {
  key: string;
  label: string;
  type: FieldType;
  personal: boolean;
  visibility: Sensitivity;
  /** The value as shown: a code with its label from the field's code table. */
  display(value: string): string;
}

/** Catalogs the viewer has records of, with how many. */
export async function recordCatalogs(user: CurrentUser) {
  const counts = await db.creditRecord.groupBy({ by: ['catalogId'], where: recordScopeWhere(user), _count: true });
  const catalogs = await db.catalog.findMany({
    where: { id: { in: counts.map((c) => c.catalogId) } },
    select: { id: true, code: true, name: true },
    orderBy: { name: 'asc' },
  });
  return catalogs.map((c) => ({ ...c, count: counts.find((x) => x.catalogId === c.id)?._count ?? 0 }));
}

/**
 * One page of a catalog's records within the viewer's scope and the filter, newest first, by keyset: `after`
 * goes to older records, `before` back to newer ones, neither is the first page. The total is counted on the
 * first page only, so a deep page costs one index range like the first.
 */
export async function listScopedRecords(user: CurrentUser, catalogId: string, filter: RecordFilter, ip: string | null) {
  const ctx = await listContext(user, catalogId, filter);
  const [total, full, page] = await Promise.all([
    filter.after || filter.before ? null : db.creditRecord.count({ where: ctx.where }),
    db.creditRecord.findFirst({ where: ctx.fullWhere, select: { id: true } }),
    recordPage(ctx, filter),
  ]);
  const columns = visibleColumns(user, ctx, full !== null);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'QUERY',
    objectType: 'Catalog',
    objectId: catalogId,
    detail: { ...filterDetail(filter), total },
  });
  return {
    catalogId,
    total,
    pageSize: RECORD_PAGE_SIZE,
    columns: columns.map(({ key, label, personal }) => ({ key, label, personal })),
    rows: page.rows.map((r) => present(user, ctx, r)),
    next: page.next,
    prev: page.prev,
  };
}

/**
 * Columns stay the same from page to page: every field when some record is the viewer's own scope,
 * otherwise the granted ones; a cell outside a record's grant is left empty.
 */
export function visibleColumns(
  user: CurrentUser,
  ctx: Pick<ListContext, 'catalogId' | 'fields'>,
  someInFullScope: boolean,
): FieldMeta[] {
  const granted = allowedKeys(user, { catalogId: ctx.catalogId, providerDeptId: '' }, ctx.fields, 'shared');
  return ctx.fields.filter((f) => someInFullScope || granted.has(f.key));
}

/** What is audited of a filter: its conditions, never a cursor. */
export function filterDetail(f: RecordFilter) {
  return {
    subjectId: f.subject ?? null,
    deptId: f.dept ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
    status: f.status ?? null,
  };
}

interface ListContext {
  user: CurrentUser;
  catalogId: string;
  catalogSensitivity: Sensitivity;
  fields: FieldMeta[];
  where: Prisma.CreditRecordWhereInput;
  fullWhere: Prisma.CreditRecordWhereInput;
  today: string;
}

export async function listContext(user: CurrentUser, catalogId: string, filter: RecordFilter): Promise<ListContext> {
  const [fields, catalog, publicIds] = await Promise.all([
    currentFields(catalogId),
    db.catalog.findUnique({ where: { id: catalogId }, select: { sensitivity: true } }),
    publicCatalogIds(db),
  ]);
  if (!catalog) throw new NotFoundError('目录不存在');
  const conditions = recordFilterWhere(filter, publicIds);
  const scope = recordScopeWhere(user);
  return {
    user,
    catalogId,
    catalogSensitivity: catalog.sensitivity,
    fields,
    where: { catalogId, AND: [scope, ...conditions] },
    fullWhere:
      user.visibleDeptIds === null
        ? { catalogId, AND: conditions }
        : { catalogId, providerDeptId: { in: user.visibleDeptIds }, AND: conditions },
    today: publicationDay(),
  };
}

const INCLUDE = {
  providerDept: { select: { name: true } },
  subject: { select: { name: true, kind: true, restricted: true } },
} as const;

type RecordRow = Prisma.CreditRecordGetPayload<{ include: typeof INCLUDE }>;

/**
 * A keyset page over (createdAt, id) descending. The `createdAt <=` bound lets PostgreSQL start the index
 * range at the cursor (CreditRecord_catalogId_createdAt_id_idx); the OR only breaks ties within one instant.
 */
export async function recordPage(
  ctx: Pick<ListContext, 'where'>,
  cursor: { after?: string; before?: string },
  size = RECORD_PAGE_SIZE,
): Promise<{ rows: RecordRow[]; next: string | null; prev: string | null }> {
  if (cursor.before) {
    const key = decodeRecordKey(cursor.before);
    const rows = await db.creditRecord.findMany({
      where: {
        AND: [
          ctx.where,
          { createdAt: { gte: key.at } },
          { OR: [{ createdAt: { gt: key.at } }, { id: { gt: key.id } }] },
        ],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: size + 1,
      include: INCLUDE,
    });
    // Fewer than a page before the cursor: the viewer is back at the start, which is the first page.
    if (rows.length <= size) return recordPage(ctx, {}, size);
    const page = rows.slice(0, size).reverse();
    return { rows: page, next: encodeRecordKey(keyOf(page.at(-1)!)), prev: encodeRecordKey(keyOf(page[0]!)) };
  }
  const key = cursor.after ? decodeRecordKey(cursor.after) : null;
  const rows = await db.creditRecord.findMany({
    where: key
      ? {
          AND: [
            ctx.where,
            { createdAt: { lte: key.at } },
            { OR: [{ createdAt: { lt: key.at } }, { id: { lt: key.id } }] },
          ],
        }
      : ctx.where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: size + 1,
    include: INCLUDE,
  });
  const page = rows.slice(0, size);
  return {
    rows: page,
    next: rows.length > size ? encodeRecordKey(keyOf(page.at(-1)!)) : null,
    prev: key && page.length ? encodeRecordKey(keyOf(page[0]!)) : null,
  };
}

const keyOf = (r: { createdAt: Date; id: string }) => ({ at: r.createdAt, id: r.id });

export async function getScopedRecord(user: CurrentUser, id: string, ip: string | null) {
  const record = await db.creditRecord.findFirst({
    where: { id, AND: [recordScopeWhere(user)] },
    include: { ...INCLUDE, catalogVersion: { select: { catalog: { select: { sensitivity: true } } } } },
  });
  if (!record) throw new NotFoundError('记录不存在或无权查看');
  const fields = await currentFields(record.catalogId);
  const ctx = { user, fields, catalogSensitivity: record.catalogVersion.catalog.sensitivity, today: publicationDay() };
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'VIEW',
    objectType: 'CreditRecord',
    objectId: id,
  });
  return { catalogId: record.catalogId, ...present(user, ctx, record) };
}

export function present(
  user: CurrentUser,
  ctx: Pick<ListContext, 'fields' | 'catalogSensitivity' | 'today'>,
  r: RecordRow,
): ScopedRecord {
  const { fields } = ctx;
  const audience = fieldAccess(user, r) === 'ALL' ? 'internal' : 'shared';
  const keys = allowedKeys(user, r, fields, audience);
  const clear = (r.data ?? {}) as Record<string, string>;
  const personal = r.sealed ? unsealJson<Record<string, string>>(r.sealed) : {};
  const values: Record<string, string> = {};
  for (const f of fields) {
    if (!keys.has(f.key)) continue;
    const v = f.personal ? personal[f.key] : clear[f.key];
    // An empty readable field is '' — an absent key means "not granted", and the screen says so.
    values[f.key] = v === undefined || v === '' ? '' : f.personal ? mask(f.type, v) : f.display(v);
  }
  // Staff see why a record is not on the public site (公示期满, 已撤销, 已修复, 受控 …), from the one rule.
  const reasons = hiddenReasons(
    {
      catalogSensitivity: ctx.catalogSensitivity,
      subjectRestricted: r.subject?.restricted,
      publicityStart: r.publicityStart,
      publicityEnd: r.publicityEnd,
      withdrawnAt: r.withdrawnAt,
      repairedAt: r.repairedAt,
    },
    ctx.today,
  );
  return {
    id: r.id,
    providerDeptName: r.providerDept.name,
    createdAt: r.createdAt,
    decisionDate: r.decisionDate ? r.decisionDate.toISOString().slice(0, 10) : null,
    subjectId: r.subjectId,
    // The subject's name follows the record's own subjectName column: a shared viewer without that column
    // granted does not get it here either, and a person's name is masked like the personal field it is.
    subjectName:
      r.subject && (audience === 'internal' || keys.has('subjectName'))
        ? r.subject.kind === 'PERSON'
          ? maskName(r.subject.name)
          : r.subject.name
        : null,
    published: reasons.length === 0,
    hidden: reasons.map((code) => ({ code, label: HIDDEN_REASON_LABEL[code] })),
    values,
  };
}

function allowedKeys(
  user: CurrentUser,
  record: { catalogId: string; providerDeptId: string },
  fields: FieldMeta[],
  audience: 'internal' | 'shared',
): Set<string> {
  if (audience === 'internal') return new Set(fields.map((f) => f.key));
  const granted = user.columnGrants.get(record.catalogId) ?? new Set<string>();
  return new Set(
    fields
      .filter((f) => granted.has(f.key) && !isControlled({ fieldVisibility: f.visibility }, 'shared'))
      .map((f) => f.key),
  );
}

function mask(type: FieldType, value: string): string {
  if (type === 'ID_NUMBER' || type === 'CERT_NUMBER') return maskIdNumber(value);
  if (type === 'PHONE') return maskPhone(value);
  return maskName(value);
}

export async function currentFields(catalogId: string): Promise<FieldMeta[]> {
  const version = await db.catalogVersion.findFirst({
    where: { catalogId, status: { in: ['PUBLISHED', 'RETIRED'] } },
    orderBy: [{ status: 'asc' }, { version: 'desc' }],
    select: {
      fields: {
        orderBy: { sortOrder: 'asc' },
        select: { key: true, label: true, type: true, personal: true, visibility: true, codeTable: true },
      },
    },
  });
  if (!version) throw new NotFoundError('目录不存在');
  // Coded fields (处罚类别 03 …) are shown as "03 罚款", as the templates write them: people read labels.
  const tables = [...new Set(version.fields.map((f) => f.codeTable).filter((c): c is string => !!c))];
  const items = tables.length
    ? await db.codeItem.findMany({
        where: { tableCode: { in: tables } },
        select: { tableCode: true, code: true, label: true },
      })
    : [];
  const labels = new Map(items.map((i) => [`${i.tableCode}:${i.code}`, i.label]));
  return version.fields.map((f) => ({
    ...f,
    display: (v: string) => {
      const label = f.codeTable ? labels.get(`${f.codeTable}:${v}`) : undefined;
      return label ? `${v} ${label}` : v;
    },
  }));
}

/** A catalog named by its code (the URL form) or its id; 404 when there is none. */
export async function resolveCatalogId(codeOrId: string): Promise<string> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(codeOrId);
  const catalog = await db.catalog.findUnique({
    where: isId ? { id: codeOrId } : { code: codeOrId },
    select: { id: true },
  });
  if (!catalog) throw new NotFoundError('信息目录不存在');
  return catalog.id;
}

/** Departments a viewer may filter records by: those of their full scope and their shared departments. */
export async function recordDepartments(user: CurrentUser) {
  return db.department.findMany({
    where: user.visibleDeptIds === null ? {} : { id: { in: [...user.visibleDeptIds, ...user.sharedDeptIds] } },
    select: { id: true, name: true },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
}
