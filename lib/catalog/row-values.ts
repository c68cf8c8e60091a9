// A row of a catalog as a client sends it (fix screen, centre feedback, manual entry): field key → text. The
// schema bounds the row before anything else looks at it (no more keys than a catalog can have fields);
// assertKnownFields then refuses any key the catalog version does not define, instead of quietly dropping it.
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import type { CatalogDef, RowValues } from './types';

/** The most fields a catalog version can have (lib/catalog/admin/schemas.ts). */
export const MAX_CATALOG_FIELDS = 200;

export const rowValuesSchema = (maxValueLength: number) =>
  z
    .record(z.string().max(64), z.string().max(maxValueLength))
    .refine((row) => Object.keys(row).length <= MAX_CATALOG_FIELDS, `一行最多${MAX_CATALOG_FIELDS}个字段`);

/** Refuses (400) rows that carry keys the catalog version has no field for, naming the keys. */
export function assertKnownFields(def: CatalogDef, rows: RowValues[]): void {
  const known = new Set(def.fields.map((f) => f.key));
  const bad = rows
    .map((values, i) => ({ row: i + 1, unknownFields: Object.keys(values).filter((k) => !known.has(k)) }))
    .filter((r) => r.unknownFields.length > 0);
  if (!bad.length) return;
  const names = [...new Set(bad.flatMap((b) => b.unknownFields))];
  throw new ValidationError(
    `提交的数据含有目录“${def.name}”中没有的字段：${names.slice(0, 5).join('、')}${names.length > 5 ? ' 等' : ''}`,
    { rows: bad.slice(0, 50).map((b) => ({ row: b.row, unknownFields: b.unknownFields.slice(0, 20) })) },
  );
}
