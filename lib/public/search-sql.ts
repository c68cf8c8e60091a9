// The SQL of the public organisation search by name (lib/public/search.ts), apart from the client that runs it:
// the app runs it through publicDb, the benchmark (test/bench/public) runs the very same statements directly on
// PostgreSQL as its baseline. Results rank exact name, then names starting with the fragment, then names
// containing it; each tier is an index range of migration 20261203121246_public_search already in result order.

/** The searched form of text, as credit_name_key() in SQL: NFKC, lower case, runs of blanks made one. */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Runs one statement with positional parameters ($1…) and returns its rows. */
export type RawQuery = <T>(sql: string, ...params: unknown[]) => Promise<T[]>;

export interface NameRow {
  id: string;
  name: string;
  uscc: string | null;
  orgCategory: string | null;
  key: string;
}

/** Extra conditions on the subject `s`, with their parameters numbered from $5 (the tier queries use $1–$4). */
export interface Filters {
  sql: string;
  params: unknown[];
}

export const NO_FILTERS: Filters = { sql: '', params: [] };

/**
 * Up to `want` rows from the tier and position of `cursor` ([tier, key, id]) on, in result order. `term` is the
 * searched form (searchKey). Asking for one row more than a page tells whether there is a next page.
 */
export async function nameSearchRows(
  run: RawQuery,
  term: string,
  cursor: readonly [0 | 1 | 2, string, string] | null,
  want: number,
  filters: Filters = NO_FILTERS,
): Promise<(NameRow & { tier: 0 | 1 | 2 })[]> {
  const rows: (NameRow & { tier: 0 | 1 | 2 })[] = [];
  for (const tier of [0, 1, 2] as const) {
    if (cursor && tier < cursor[0]) continue;
    const after: [string, string] | null = cursor && cursor[0] === tier ? [cursor[1], cursor[2]] : null;
    const found = await tierRows(run, tier, term, after, want - rows.length, filters);
    rows.push(...found.map((r) => ({ ...r, tier })));
    if (rows.length >= want) break;
  }
  return rows;
}

const KEY = `(credit_name_key(s.name) COLLATE "C")`;
const SELECT = `SELECT s.id, s.name, s.uscc, s."orgCategory", ${KEY} AS key FROM "Subject" s`;
const LOWEST_ID = '00000000-0000-0000-0000-000000000000';
const HIGHEST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

async function tierRows(
  run: RawQuery,
  tier: 0 | 1 | 2,
  term: string,
  after: [string, string] | null,
  limit: number,
  f: Filters,
): Promise<NameRow[]> {
  // Where a tier starts without a cursor. The lower bound is always one row comparison: a b-tree scan given both
  // `key > x` and `(key, id) > (y, …)` cannot tell which is tighter and started at the first entry (measured:
  // 100–650 ms over 1M organisations instead of 0.4 ms).
  const start: [string, string] = tier === 0 ? [term, LOWEST_ID] : tier === 1 ? [term, HIGHEST_ID] : ['', LOWEST_ID];
  const [afterKey, afterId] = after ?? start;
  if (tier === 0) {
    return run<NameRow>(
      `${SELECT} WHERE s.kind = 'ORG' AND ${KEY} = $1 AND (${KEY}, s.id) > ($2 COLLATE "C", $3::uuid)${f.sql}
       ORDER BY ${KEY}, s.id LIMIT $4`,
      term,
      afterKey,
      afterId,
      limit,
      ...f.params,
    );
  }
  if (tier === 1) {
    // Names starting with the term and longer than it: the key range (term, term + the highest code point); the
    // start (term, HIGHEST_ID) excludes the exact name.
    return run<NameRow>(
      `${SELECT} WHERE s.kind = 'ORG' AND ${KEY} < ($1 || chr(1114111)) COLLATE "C"
       AND (${KEY}, s.id) > ($2 COLLATE "C", $3::uuid)${f.sql}
       ORDER BY ${KEY}, s.id LIMIT $4`,
      term,
      afterKey,
      afterId,
      limit,
      ...f.params,
    );
  }
  const gram = await walkGram(run, term);
  if (!gram) return [];
  // Contains the term but does not start with it (strpos finds the first occurrence: 1 is a prefix match).
  return run<NameRow>(
    `SELECT s.id, s.name, s.uscc, s."orgCategory", g.key FROM "SubjectNameGram" g JOIN "Subject" s ON s.id = g."subjectId"
     WHERE g.gram = $1 AND strpos(g.key, $5) > 1 AND (g.key, g."subjectId") > ($2 COLLATE "C", $3::uuid)${f.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`)}
     ORDER BY g.key, g."subjectId" LIMIT $4`,
    gram,
    afterKey,
    afterId,
    limit,
    term,
    ...f.params,
  );
}

/**
 * How far a frequency count looks: past this a pair is "common" and any common pair will do (six counts of 1,000
 * took 7.5 ms over 4.4M gram rows; of 5,000, 51 ms). Known slow case: a rare term made only of common pairs walks
 * a long range before it finds 20 names.
 */
const GRAM_COUNT_CAP = 1000;
/** Pairs of a long term compared (each costs one short index range). */
const GRAMS_COMPARED = 6;

/**
 * The gram whose range the contains tier walks: the term itself when it has one or two characters, else its
 * rarest pair of adjacent characters (counted up to GRAM_COUNT_CAP); null when some pair occurs in no name,
 * so nothing can contain the term.
 */
async function walkGram(run: RawQuery, term: string): Promise<string | null> {
  const chars = [...term];
  if (chars.length <= 2) return term;
  const pairs = [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
  const step = Math.max(1, Math.ceil(pairs.length / GRAMS_COMPARED));
  const sample = pairs.filter((_, i) => i % step === 0).slice(0, GRAMS_COMPARED);
  const counts = await run<{ gram: string; n: number }>(
    `SELECT b AS gram, (SELECT count(*)::int FROM (SELECT 1 FROM "SubjectNameGram" WHERE gram = b LIMIT $2) x) AS n
     FROM unnest($1::text[]) b ORDER BY n, b LIMIT 1`,
    sample,
    GRAM_COUNT_CAP,
  );
  const best = counts[0];
  return best && best.n > 0 ? best.gram : null;
}
