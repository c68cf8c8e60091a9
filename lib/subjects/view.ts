// The staff subject view: a subject's basic information — identifiers masked — and,
// per catalog, how many of its records the viewer's data scope lets them see (full scope, or a shared
// department's records in a granted catalog). The records themselves are listed per catalog by
// listScopedRecords with the subject as a filter, so scope, column grants and masking are the records list's.
import { actorOf, writeAudit } from '@/lib/audit';
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { recordScopeWhere } from '@/lib/auth/field-access';
import { maskIdNumber, maskName } from '@/lib/crypto/mask';
import { unseal } from '@/lib/crypto/pii';
import { db, type Prisma } from '@/lib/db';
import { ForbiddenError, NotFoundError } from '@/lib/errors';

export interface SubjectCatalogCount {
  id: string;
  code: string;
  name: string;
  count: number;
}

/** A subject exists for a viewer when their scope covers one of its records (an ALL scope covers every one). */
function subjectInScope(user: CurrentUser, id: string): Prisma.SubjectWhereInput {
  return user.visibleDeptIds === null ? { id } : { id, records: { some: recordScopeWhere(user) } };
}

/** A person's name as staff lists show it: in clear only for a user allowed to read personal data. */
export function staffSubjectName(user: CurrentUser, kind: string, name: string): string {
  return kind === 'PERSON' && !user.permissions.has('personal:reveal') ? maskName(name) : name;
}

export async function getSubjectView(user: CurrentUser, id: string, ip: string | null) {
  const subject = await db.subject.findFirst({
    where: subjectInScope(user, id),
    select: {
      id: true,
      kind: true,
      name: true,
      uscc: true,
      idNumberSealed: true,
      orgCategory: true,
      restricted: true,
      restrictedAt: true,
      restrictedReason: true,
      orgLinks: {
        where: { until: null },
        select: { role: true, title: true, person: { select: { name: true } } },
        orderBy: { role: 'asc' },
      },
    },
  });
  if (!subject) throw new NotFoundError('主体不存在或无权查看');
  const counts = await db.creditRecord.groupBy({
    by: ['catalogId'],
    where: { subjectId: id, AND: [recordScopeWhere(user)] },
    _count: true,
  });
  const catalogs = await db.catalog.findMany({
    where: { id: { in: counts.map((c) => c.catalogId) } },
    select: { id: true, code: true, name: true },
    orderBy: { name: 'asc' },
  });
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'subject',
    action: 'VIEW',
    objectType: 'Subject',
    objectId: id,
  });
  return {
    id: subject.id,
    kind: subject.kind,
    name: staffSubjectName(user, subject.kind, subject.name),
    uscc: subject.uscc,
    idNumberMasked: subject.idNumberSealed ? maskIdNumber(unseal(subject.idNumberSealed)) : null,
    orgCategory: subject.orgCategory,
    restricted: subject.restricted,
    restrictedAt: subject.restrictedAt,
    restrictedReason: subject.restrictedReason,
    // an organisation's legal representative and executives, names masked as on every staff list.
    people: subject.orgLinks.map((l) => ({
      role: l.role,
      title: l.title,
      name: maskName(l.person.name),
    })),
    catalogs: catalogs.map((c): SubjectCatalogCount => ({
      ...c,
      count: counts.find((x) => x.catalogId === c.id)?._count ?? 0,
    })),
  };
}

export type SubjectView = Awaited<ReturnType<typeof getSubjectView>>;

/**
 * A person's 身份证号 in clear (PIPL Art. 51), like lib/crypto/reveal.ts does for a record's field: only with
 * personal:reveal, only for a subject in the viewer's full scope, every reveal and refusal audited.
 */
export async function revealSubjectIdNumber(user: CurrentUser, id: string, ip: string | null): Promise<string> {
  const audit = (result: 'OK' | 'DENIED') =>
    writeAudit(db, {
      ...actorOf(user, ip),
      module: 'personal',
      action: 'READ',
      objectType: 'Subject',
      objectId: id,
      result,
      detail: { field: 'idNumber', label: '身份证号' },
    });
  if (!user.permissions.has('personal:reveal')) {
    await audit('DENIED');
    throw new ForbiddenError('没有查看个人敏感信息的权限');
  }
  const subject = await db.subject.findFirst({
    where: subjectInScope(user, id),
    select: { idNumberSealed: true, records: { select: { providerDeptId: true }, take: 50 } },
  });
  const own =
    subject && (user.visibleDeptIds === null || subject.records.some((r) => canSeeDept(user, r.providerDeptId)));
  if (!subject || !own || !subject.idNumberSealed) throw new NotFoundError('未找到该主体的身份证号');
  await audit('OK');
  return unseal(subject.idNumberSealed);
}
