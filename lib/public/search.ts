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
import { nameSearchRows, searchKey, type Filters, type NameRow } from './search-sql';

export { searchKey };
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

const cursorSchema = z.tuple([z.union([z.literal(0), z.literal(1), z.literal(2)]), z.string().max(1000), z.uuid()]);
type Cursor = z.infer<typeof cursorSchema>;

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
  const rows = await nameSearchRows(
    (sql, ...params) => publicDb.$queryRawUnsafe(sql, ...params),
    term,
    cursor,
    SEARCH_PAGE_SIZE + 1,
    filters,
  );
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

function item(r: NameRow, highlight: [number, number] | null): SearchItem {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    kind: r.orgCategory,
    kindLabel: r.orgCategory ? (ORG_CATEGORY_LABEL[r.orgCategory] ?? null) : null,
    highlight,
  };
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
