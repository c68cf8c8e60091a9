// Deduplication keys: the natural key says "the same record", the fingerprint says "the same values".
import { createHash } from 'node:crypto';
import type { CatalogDef, RowValues } from './types';

/** Each natural-key entry may list alternatives ('uscc|certNumber'): the first non-empty one counts. */
export function naturalKeyOf(def: CatalogDef, values: RowValues): string | null {
  const parts: string[] = [];
  for (const entry of def.naturalKey) {
    const value = entry
      .split('|')
      .map((k) => values[k])
      .find((v) => v);
    if (!value) return null;
    parts.push(value);
  }
  return parts.join('\u001f');
}

export function fingerprintOf(def: CatalogDef, values: RowValues): string {
  const ordered = def.fields.map((f) => values[f.key] ?? '');
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}
