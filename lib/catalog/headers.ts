// Header matching: columns are found by their standard Chinese name (or an alias), in any order;
// extra columns are ignored and reported, missing required columns stop the import.
import type { CatalogDef } from './types';

export interface HeaderMap {
  /** column index → field key */
  columns: Map<number, string>;
  unknown: string[];
  missingRequired: string[];
}

const squash = (s: string) =>
  s
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();

export function matchHeaders(def: CatalogDef, header: string[]): HeaderMap {
  const byName = new Map<string, string>();
  for (const f of def.fields) {
    byName.set(squash(f.label), f.key);
    byName.set(squash(f.key), f.key);
    for (const a of f.aliases) byName.set(squash(a), f.key);
  }
  const columns = new Map<number, string>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!name || !name.trim()) return;
    const key = byName.get(squash(name));
    if (key && !seen.has(key)) {
      columns.set(i, key);
      seen.add(key);
    } else unknown.push(name);
  });
  const missingRequired = def.fields.filter((f) => f.required && !seen.has(f.key)).map((f) => f.label);
  return { columns, unknown, missingRequired };
}
