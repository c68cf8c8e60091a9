// Catalog versions as public pages read them (fields, code tables), cached per process for a minute: a
// report or a 双公示 page touches a handful of versions, and reading them per request would double its queries.
// A published version's fields never change; a code table's labels may, hence the short life.
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, FieldDef } from '@/lib/catalog/types';
import type { Db } from '@/lib/db';

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; def: Promise<CatalogDef> }>();

export function cachedCatalogDef(db: Db, versionId: string): Promise<CatalogDef> {
  const hit = cache.get(versionId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.def;
  const def = loadCatalogDef(db, versionId);
  cache.set(versionId, { at: Date.now(), def });
  def.catch(() => cache.delete(versionId));
  return def;
}

/** A stored value as a reader sees it: an ENUM code as its label. */
export function displayValue(def: CatalogDef, field: FieldDef, value: string): string {
  if (field.type !== 'ENUM' || !field.codeTable) return value;
  const item = def.codeTables[field.codeTable]?.items.find((i) => i.code === value);
  return item?.label ?? value;
}
