// Header matching: columns are found by their standard Chinese name (or an alias), in any order, with or without
// a note in brackets at the end; extra columns are ignored and reported, missing required columns stop the import.
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

// A note in brackets at the end of a header, as templates and people add them: （必填）, (万元), 【YYYY-MM-DD】.
const NOTE = /(?:\([^()]*\)|【[^【】]*】)$/;

export function matchHeaders(def: CatalogDef, header: string[]): HeaderMap {
  const byName = new Map<string, string>();
  for (const f of def.fields) {
    byName.set(squash(f.label), f.key);
    byName.set(squash(f.key), f.key);
    for (const a of f.aliases) byName.set(squash(a), f.key);
  }
  // A label without its own note (罚款金额 for 罚款金额（万元）) names its field too, unless it names another.
  const shortened = new Map<string, string | null>();
  for (const f of def.fields) {
    const short = squash(f.label).replace(NOTE, '');
    if (short && !byName.has(short)) shortened.set(short, shortened.has(short) ? null : f.key);
  }
  for (const [short, key] of shortened) if (key) byName.set(short, key);
  const find = (name: string) => {
    const squashed = squash(name);
    return byName.get(squashed) ?? byName.get(squashed.replace(NOTE, ''));
  };
  const columns = new Map<number, string>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!name || !name.trim()) return;
    const key = find(name);
    if (key && !seen.has(key)) {
      columns.set(i, key);
      seen.add(key);
    } else unknown.push(name);
  });
  const missingRequired = def.fields.filter((f) => f.required && !seen.has(f.key)).map((f) => f.label);
  return { columns, unknown, missingRequired };
}
