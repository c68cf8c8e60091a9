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
import { isControlled } from './controlled';

const RECORD_PAGE_SIZE = 20;

export interface ScopedRecord {
  id: string;
  providerDeptName: string;
  createdAt: Date;
  /** Readable values by field key ('' when empty); a key that is absent is not granted to this viewer. */
  values: Record<string, string>;
}

interface FieldMeta {
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

export async function listScopedRecords(user: CurrentUser, catalogId: string, page: number, ip: string | null) {
  const fields = await currentFields(catalogId);
  const where: Prisma.CreditRecordWhereInput = { catalogId, AND: [recordScopeWhere(user)] };
  const fullWhere: Prisma.CreditRecordWhereInput =
    user.visibleDeptIds === null ? { catalogId } : { catalogId, providerDeptId: { in: user.visibleDeptIds } };
  const [total, full, rows] = await Promise.all([
    db.creditRecord.count({ where }),
    db.creditRecord.count({ where: fullWhere }),
    db.creditRecord.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * RECORD_PAGE_SIZE,
      take: RECORD_PAGE_SIZE,
      include: { providerDept: { select: { name: true } } },
    }),
  ]);
  // Columns stay the same from page to page: every field when some record is the viewer's own scope,
  // otherwise the granted ones; a cell outside a record's grant is left empty.
  const granted = allowedKeys(user, { catalogId, providerDeptId: '' }, fields, 'shared');
  const columns = fields.filter((f) => full > 0 || granted.has(f.key));
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'QUERY',
    objectType: 'Catalog',
    objectId: catalogId,
    detail: { page, total },
  });
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / RECORD_PAGE_SIZE)),
    columns: columns.map(({ key, label, personal }) => ({ key, label, personal })),
    rows: rows.map((r) => present(user, fields, r)),
  };
}

export async function getScopedRecord(user: CurrentUser, id: string, ip: string | null) {
  const record = await db.creditRecord.findFirst({
    where: { id, AND: [recordScopeWhere(user)] },
    include: { providerDept: { select: { name: true } } },
  });
  if (!record) throw new NotFoundError('记录不存在或无权查看');
  const fields = await currentFields(record.catalogId);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'VIEW',
    objectType: 'CreditRecord',
    objectId: id,
  });
  return { catalogId: record.catalogId, ...present(user, fields, record) };
}

type RecordRow = Prisma.CreditRecordGetPayload<{ include: { providerDept: { select: { name: true } } } }>;

function present(user: CurrentUser, fields: FieldMeta[], r: RecordRow): ScopedRecord {
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
  return { id: r.id, providerDeptName: r.providerDept.name, createdAt: r.createdAt, values };
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

async function currentFields(catalogId: string): Promise<FieldMeta[]> {
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
