// The form's validation is the import's: checkRow with the catalog version the server checks against
// so a row accepted here is accepted on submission, and the same Chinese message explains a
// refusal in both places. The values handed on are checkRow's normalised ones (codes, ISO dates).
import type { FieldErrors, Resolver } from 'react-hook-form';
import { checkRow } from '@/lib/catalog/check-row';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';

export function catalogResolver(def: CatalogDef): Resolver<RowValues> {
  return async (raw) => {
    const { values, problems } = checkRow(def, raw, { today: new Date() });
    if (problems.length === 0) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    const rowLevel: string[] = [];
    for (const p of problems) {
      if (!p.field) rowLevel.push(p.message);
      else errors[p.field] ??= { type: p.code, message: p.message };
    }
    const all = rowLevel.length ? { ...errors, root: { row: { type: 'ROW', message: rowLevel.join('；') } } } : errors;
    return { values: {}, errors: all as unknown as FieldErrors<RowValues> };
  };
}

/** The empty value of every field, so each input is controlled from the start. */
export function emptyRow(def: CatalogDef): RowValues {
  return Object.fromEntries(def.fields.map((f) => [f.key, '']));
}
