// Organisation search of the public site (issue 13, R-6.1): by a name fragment of any length or by 统一社会信用代码.
// Results rank exact name, then names starting with the fragment, then names containing it; inside each tier by
// the name's searched form (credit_name_key) and id, which is also the keyset cursor. Every tier is an index
// range already in that order (migration 20261203121246_public_search), so a page costs the same whether the
// fragment is one common character or a rare company name, and deep pages as much as the first.
import { z } from 'zod';
import { checkUscc } from '@/lib/identifiers/uscc';
import { ValidationError } from '@/lib/errors';
import { publicationDay, publicCatalogIds, publicRecordSql } from '@/lib/publication/rule';
import { decodeCursor, encodeCursor } from './cursor';
import { publicDb } from './read-db';

export const SEARCH_PAGE_SIZE = 20;
/** Longest name fragment searched (the longest registered names are about 50 characters). */
export const MAX_QUERY_CHARS = 60;

export const ORG_CATEGORY_LABEL: Record<string, string> = { '02': '法人及非法人组织', '04': '个体工商户' };

export const searchQuerySchema = z.object({
  q: z.string().max(4000, { message: '查询内容过长，请输入不超过 60 个字的名称关键词' }).optional().default(''),
  kind: z.enum(['', '02', '04'], { message: '主体类别无效，请重新选择' }).optional().default(''),
  penalties: z.enum(['', '0', '1'], { message: '筛选条件无效，请重新选择' }).optional().default(''),
  after: z.string().optional(),
  /** Pages are cursors (`after`); a page number is accepted only as a plausible one and otherwise ignored. */
  page: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, { message: '页码无效，请从第一页重新查询' })
    .optional(),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

export interface SearchItem {
  id: string;
  name: string;
  uscc: string | null;
  kind: string | null;
  kindLabel: string | null;
  /** [start, end) of the match in `name` (UTF-16 offsets), for highlighting; null for a code lookup. */
  highlight: [number, number] | null;
}
export interface SearchResult {
  mode: 'CODE' | 'NAME';
  /** The fragment as searched (normalised), for the page to repeat. */
  term: string;
  items: SearchItem[];
  next: string | null;
}

/** The searched form of text, as credit_name_key() in SQL: NFKC, lower case, runs of blanks made one. */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const cursorSchema = z.tuple([z.union([z.literal(0), z.literal(1), z.literal(2)]), z.string().max(1000), z.uuid()]);
type Cursor = z.infer<typeof cursorSchema>;

interface Row {
  id: string;
  name: string;
  uscc: string | null;
  orgCategory: string | null;
  key: string;
}

export async function searchOrganisations(input: SearchQuery): Promise<SearchResult> {
  const parsed = searchQuerySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? '查询条件无效，请重新输入');
  const query = parsed.data;
  const term = searchKey(query.q);
  if (!term) throw new ValidationError('请输入企业名称（至少一个字）或 18 位统一社会信用代码');
  if ([...term].length > MAX_QUERY_CHARS) {
    throw new ValidationError(`查询内容过长：请输入不超过 ${MAX_QUERY_CHARS} 个字的名称关键词`);
  }
  const code = term.toUpperCase();
  if (/^[0-9A-Z]{18}$/.test(code)) return codeLookup(code, term);

  const cursor = decodeCursor(query.after, cursorSchema);
  const filters = await filterSql(query.kind, query.penalties === '1');
  const rows: (Row & { tier: 0 | 1 | 2 })[] = [];
  const want = SEARCH_PAGE_SIZE + 1;
  for (const tier of [0, 1, 2] as const) {
    if (cursor && tier < cursor[0]) continue;
    const after: [string, string] | null = cursor && cursor[0] === tier ? [cursor[1], cursor[2]] : null;
    const found = await tierRows(tier, term, after, want - rows.length, filters);
    rows.push(...found.map((r) => ({ ...r, tier })));
    if (rows.length >= want) break;
  }
  const page = rows.slice(0, SEARCH_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    mode: 'NAME',
    term,
    items: page.map((r) => item(r, highlightOf(r.name, term))),
    next: rows.length > SEARCH_PAGE_SIZE && last ? encodeCursor([last.tier, last.key, last.id] satisfies Cursor) : null,
  };
}

async function codeLookup(code: string, term: string): Promise<SearchResult> {
  const check = checkUscc(code);
  if (!check.ok) {
    throw new ValidationError(
      check.code === 'CHECK_CHAR'
        ? '统一社会信用代码校验位不正确，请核对最后一位后重新输入'
        : '统一社会信用代码格式不正确，请核对后重新输入',
    );
  }
  const s = await publicDb.subject.findFirst({
    where: { uscc: check.normalized, kind: 'ORG' },
    select: { id: true, name: true, uscc: true, orgCategory: true },
  });
  return {
    mode: 'CODE',
    term,
    items: s ? [item({ ...s, key: '' }, null)] : [],
    next: null,
  };
}

function item(r: Row, highlight: [number, number] | null): SearchItem {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    kind: r.orgCategory,
    kindLabel: r.orgCategory ? (ORG_CATEGORY_LABEL[r.orgCategory] ?? null) : null,
    highlight,
  };
}

interface Filters {
  sql: string;
  params: unknown[];
}

/** Conditions on the subject `s`, with their parameters numbered from $5 (the tier queries use $1–$4). */
async function filterSql(kind: string, penalties: boolean): Promise<Filters> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (kind) {
    params.push(kind);
    parts.push(`s."orgCategory" = $${4 + params.length}`);
  }
  if (penalties) {
    const ids = await penaltyCatalogIds();
    params.push(publicationDay(), ids);
    const day = `$${3 + params.length}`;
    const cats = `$${4 + params.length}`;
    parts.push(
      `EXISTS (SELECT 1 FROM "CreditRecord" r WHERE r."subjectId" = s.id AND ${publicRecordSql('r', day, cats)})`,
    );
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

async function penaltyCatalogIds(): Promise<string[]> {
  const [pub, penalty] = await Promise.all([
    publicCatalogIds(publicDb),
    publicDb.catalog.findMany({ where: { code: 'ADMIN_PENALTY' }, select: { id: true } }),
  ]);
  return penalty.map((c) => c.id).filter((id) => pub.includes(id));
}

const KEY = `(credit_name_key(s.name) COLLATE "C")`;
const SELECT = `SELECT s.id, s.name, s.uscc, s."orgCategory", ${KEY} AS key FROM "Subject" s`;
const LOWEST_ID = '00000000-0000-0000-0000-000000000000';
const HIGHEST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

async function tierRows(
  tier: 0 | 1 | 2,
  term: string,
  after: [string, string] | null,
  limit: number,
  f: Filters,
): Promise<Row[]> {
  // Where a tier starts without a cursor. The lower bound is always one row comparison: a b-tree scan given both
  // `key > x` and `(key, id) > (y, …)` cannot tell which is tighter and started at the first entry (measured:
  // 100–650 ms over 1M organisations instead of 0.4 ms).
  const start: [string, string] = tier === 0 ? [term, LOWEST_ID] : tier === 1 ? [term, HIGHEST_ID] : ['', LOWEST_ID];
  const [afterKey, afterId] = after ?? start;
  if (tier === 0) {
    return publicDb.$queryRawUnsafe<Row[]>(
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
    return publicDb.$queryRawUnsafe<Row[]>(
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
  const gram = await walkGram(term);
  if (!gram) return [];
  // Contains the term but does not start with it (strpos finds the first occurrence: 1 is a prefix match).
  return publicDb.$queryRawUnsafe<Row[]>(
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
async function walkGram(term: string): Promise<string | null> {
  const chars = [...term];
  if (chars.length <= 2) return term;
  const pairs = [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
  const step = Math.max(1, Math.ceil(pairs.length / GRAMS_COMPARED));
  const sample = pairs.filter((_, i) => i % step === 0).slice(0, GRAMS_COMPARED);
  const counts = await publicDb.$queryRawUnsafe<{ gram: string; n: number }[]>(
    `SELECT b AS gram, (SELECT count(*)::int FROM (SELECT 1 FROM "SubjectNameGram" WHERE gram = b LIMIT $2) x) AS n
     FROM unnest($1::text[]) b ORDER BY n, b LIMIT 1`,
    sample,
    GRAM_COUNT_CAP,
  );
  const best = counts[0];
  return best && best.n > 0 ? best.gram : null;
}

/** Where the term matches the shown name, mapping the searched form back to the name's own characters. */
export function highlightOf(name: string, term: string): [number, number] | null {
  let key = '';
  const starts: number[] = [];
  let offset = 0;
  for (const ch of name) {
    const k = searchKey(ch) || ch.normalize('NFKC').toLowerCase();
    for (let i = 0; i < k.length; i++) starts.push(offset);
    key += k;
    offset += ch.length;
  }
  const at = key.indexOf(term);
  if (at < 0) return null;
  const endIndex = at + term.length;
  const end = endIndex < starts.length ? starts[endIndex]! : name.length;
  return [starts[at]!, end];
}
