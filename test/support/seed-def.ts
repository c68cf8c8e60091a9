// A CatalogDef built from the seed data, for unit tests of the catalog engine without a database.
import type { CatalogDef } from '../../lib/catalog/types';
import type { SeedCatalog } from '../../prisma/seed-data/catalogs';
import { publicityRules } from '../../prisma/seed-data/catalogs-extra';
import { codeTables } from '../../prisma/seed-data/code-tables';

export function defFromSeed(c: SeedCatalog): CatalogDef {
  return {
    catalogId: `catalog-${c.code}`,
    versionId: `version-${c.code}`,
    code: c.code,
    name: c.name,
    version: 1,
    naturalKey: c.naturalKey,
    rules: c.rules,
    timelinessWorkdays: c.timelinessWorkdays,
    publicityRule: publicityRules[c.code] ?? null,
    fields: c.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      required: f.required ?? false,
      maxLength: f.maxLength ?? null,
      pattern: null,
      codeTable: f.codeTable ?? null,
      note: f.note ?? null,
      aliases: f.aliases ?? [],
      personal: f.personal ?? false,
      visibility: f.visibility ?? 'PUBLIC',
    })),
    codeTables: Object.fromEntries(codeTables.map((t) => [t.code, { code: t.code, name: t.name, items: t.items }])),
  };
}
