// A stored record's values as one row: clear fields from `data`, personal fields unsealed from `sealed`.
import type { RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';

export function recordValues(r: { data: unknown; sealed: string | null }): RowValues {
  return { ...((r.data ?? {}) as RowValues), ...(r.sealed ? unsealJson<RowValues>(r.sealed) : {}) };
}

/** Field keys whose values differ between two states of a record. */
export function changedKeys(before: RowValues, after: RowValues): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? '') !== (after[k] ?? ''));
}
