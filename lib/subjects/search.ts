// 主体查询 for staff: find a subject by a name fragment, its 统一社会信用代码 (exact), or — for a
// person and only with personal:reveal — its 身份证号, looked up through the keyed hash (lib/crypto/pii.ts) so the
// number is never stored, compared or logged in clear. Results are the subjects the viewer has records of
// (full or shared scope; everyone for an ALL-scope role), in name order, by keyset.
//
// The name match is a plain ILIKE '%fragment%' on "Subject".name: the trigram index serves three characters
// and more, and the public search (lib/public/search.ts) builds the index for one- and two-character names;
// both are meant to end up on that one index, so this stays a single simple predicate.
import { actorOf, writeAudit } from '@/lib/audit';
import { recordScopeWhere } from '@/lib/auth/field-access';
import type { CurrentUser } from '@/lib/auth/load-user';
import { maskIdNumber } from '@/lib/crypto/mask';
import { sealIdentifier, unseal } from '@/lib/crypto/pii';
import { db, type Prisma } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { checkIdNumber } from '@/lib/identifiers/id-number';
import { checkUscc } from '@/lib/identifiers/uscc';
import { decodeNameKey, encodeNameKey } from './cursor';

export const SUBJECT_PAGE_SIZE = 20;
const MAX_QUERY = 100;

export type SubjectQueryKind = 'name' | 'uscc' | 'idNumber';

export interface SubjectHit {
  id: string;
  kind: 'ORG' | 'PERSON';
  name: string;
  uscc: string | null;
  /** A person's 身份证号, masked; the clear number never leaves the server from this search. */
  idNumberMasked: string | null;
  restricted: boolean;
  /** Records of this subject within the viewer's scope. */
  records: number;
}

/** What the query text is: an 18-character identifier is a lookup, anything else a name fragment. */
export function classifyQuery(raw: string): { kind: SubjectQueryKind; value: string } {
  const q = raw.normalize('NFKC').trim();
  if (!q) throw new ValidationError('请输入主体名称、统一社会信用代码或身份证号');
  if (q.length > MAX_QUERY) throw new ValidationError(`查询内容过长，请不超过${MAX_QUERY}个字符`);
  const upper = q.replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(upper) || /^\d{15}$/.test(upper)) {
    const id = checkIdNumber(upper);
    if (!id.ok) throw new ValidationError(id.message);
    return { kind: 'idNumber', value: id.normalized };
  }
  if (/^[0-9A-Z]{18}$/.test(upper)) {
    const code = checkUscc(upper);
    if (!code.ok) throw new ValidationError(code.message);
    return { kind: 'uscc', value: code.normalized };
  }
  return { kind: 'name', value: q };
}

export async function searchSubjects(
  user: CurrentUser,
  input: { q: string; after?: string },
  ip: string | null,
): Promise<{ kind: SubjectQueryKind; items: SubjectHit[]; next: string | null }> {
  const query = classifyQuery(input.q);
  if (query.kind === 'idNumber') await admitIdNumberSearch(user, ip);
  const scope = recordScopeWhere(user);
  const inScope: Prisma.SubjectWhereInput = user.visibleDeptIds === null ? {} : { records: { some: scope } };
  const match: Prisma.SubjectWhereInput =
    query.kind === 'uscc'
      ? { uscc: query.value }
      : query.kind === 'idNumber'
        ? { kind: 'PERSON', idNumberHash: sealIdentifier('ID_NUMBER', query.value).hash }
        : { name: { contains: query.value, mode: 'insensitive' } };
  const key = input.after ? decodeNameKey(input.after) : null;
  const rows = await db.subject.findMany({
    where: {
      AND: [
        match,
        inScope,
        ...(key ? [{ name: { gte: key.name } }, { OR: [{ name: { gt: key.name } }, { id: { gt: key.id } }] }] : []),
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: SUBJECT_PAGE_SIZE + 1,
    select: {
      id: true,
      kind: true,
      name: true,
      uscc: true,
      idNumberSealed: true,
      restricted: true,
      _count: { select: { records: { where: scope } } },
    },
  });
  const page = rows.slice(0, SUBJECT_PAGE_SIZE);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'subject',
    action: 'SEARCH',
    objectType: 'Subject',
    // The text of a name or code search is kept; a 身份证号 search keeps only that it was one.
    detail: { kind: query.kind, ...(query.kind === 'idNumber' ? {} : { q: query.value }), hits: page.length },
  });
  return {
    kind: query.kind,
    items: page.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      uscc: s.uscc,
      idNumberMasked: s.idNumberSealed ? maskIdNumber(unseal(s.idNumberSealed)) : null,
      restricted: s.restricted,
      records: s._count.records,
    })),
    next: rows.length > SUBJECT_PAGE_SIZE ? encodeNameKey(page.at(-1)!) : null,
  };
}

/** 身份证号 search is a read of personal data (PIPL Art. 51): permission required, refusals audited too. */
async function admitIdNumberSearch(user: CurrentUser, ip: string | null): Promise<void> {
  if (user.permissions.has('personal:reveal')) return;
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'subject',
    action: 'SEARCH',
    objectType: 'Subject',
    result: 'DENIED',
    detail: { kind: 'idNumber' },
  });
  throw new ForbiddenError('按身份证号查询需要“查看个人敏感信息明文”权限');
}
