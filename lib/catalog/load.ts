// Reads a catalog version and its code tables from the database into a CatalogDef.
import type { Db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import type { CatalogDef, CodeTableDef } from './types';
import { readPublicityRule, readRules } from './json-columns';

export async function loadCatalogDef(db: Db, versionId: string): Promise<CatalogDef> {
  const version = await db.catalogVersion.findUnique({
    where: { id: versionId },
    include: { catalog: true, fields: { orderBy: { sortOrder: 'asc' } } },
  });
  if (!version) throw new NotFoundError('目录版本不存在');
  const tableCodes = [...new Set(version.fields.map((f) => f.codeTable).filter((c): c is string => !!c))];
  const tables = await db.codeTable.findMany({
    where: { code: { in: tableCodes } },
    include: { items: { where: { enabled: true }, orderBy: { sortOrder: 'asc' } } },
  });
  const codeTables: Record<string, CodeTableDef> = {};
  for (const t of tables)
    codeTables[t.code] = {
      code: t.code,
      name: t.name,
      items: t.items.map(({ code, label, aliases }) => ({ code, label, aliases })),
    };
  return {
    catalogId: version.catalogId,
    versionId: version.id,
    code: version.catalog.code,
    name: version.catalog.name,
    version: version.version,
    naturalKey: version.naturalKey,
    rules: readRules(version.rules),
    timelinessWorkdays: version.timelinessWorkdays,
    publicityRule: readPublicityRule(version.publicityRule),
    fields: version.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required,
      maxLength: f.maxLength,
      pattern: f.pattern,
      codeTable: f.codeTable,
      note: f.note,
      aliases: f.aliases,
      personal: f.personal,
      visibility: f.visibility,
    })),
    codeTables,
  };
}

/** The published version currently used for new batches of a catalog. */
export async function currentVersionId(db: Db, catalogCode: string): Promise<string> {
  const v = await db.catalogVersion.findFirst({
    where: { catalog: { code: catalogCode }, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { id: true },
  });
  if (!v) throw new NotFoundError(`目录“${catalogCode}”没有已发布的版本`);
  return v.id;
}
