// Deduplication keys: the natural key says "the same record", the fingerprint says "the same values".
// Both are keyed hashes (the blind-index HMAC of lib/crypto/pii.ts): a key or fingerprint may be built from a
// person's certificate number, and an unkeyed hash of an 18-character 身份证号 is a lookup away from the number
// itself. Equal values still give equal hashes, which is all deduplication needs.
import { blindIndex } from '@/lib/crypto/pii';
import type { CatalogDef, RowValues } from './types';

/** What the hashes depend on: the catalog, its key fields, and the order of its fields. */
export type KeyedCatalog = Pick<CatalogDef, 'catalogId' | 'naturalKey'> & { fields: readonly { key: string }[] };

/** Each natural-key entry may list alternatives ('uscc|certNumber'): the first non-empty one counts. */
export function naturalKeyOf(def: KeyedCatalog, values: RowValues): string | null {
  const parts: string[] = [];
  for (const entry of def.naturalKey) {
    const value = entry
      .split('|')
      .map((k) => values[k])
      .find((v) => v);
    if (!value) return null;
    parts.push(value);
  }
  return blindIndex(`key:${def.catalogId}:${parts.join('\u001f')}`);
}

export function fingerprintOf(def: KeyedCatalog, values: RowValues): string {
  const ordered = def.fields.map((f) => values[f.key] ?? '');
  return blindIndex(`fp:${JSON.stringify(ordered)}`);
}
