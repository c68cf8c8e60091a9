// Organisations a public account holder represents. Declared by 统一社会信用代码; confirmed at once when
// the platform holds the person as the organisation's legal representative — a current LEGAL_REPRESENTATIVE link
// to the PERSON subject with their 身份证号's keyed hash, or an organisation record whose 法定代表人证件号码
// (sealed field legalRepIdNumber) is theirs — otherwise pending until staff confirm or reject it.
import { actorOf } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { writeAudit } from '@/lib/audit';
import { unseal, unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { checkIdNumber } from '@/lib/identifiers/id-number';
import { checkUscc } from '@/lib/identifiers/uscc';
import { auditPublic } from './audit';
import type { PublicAccountSession } from './session';

export async function listRepresentations(accountId: string) {
  return db.publicRepresentation.findMany({
    where: { accountId },
    orderBy: { createdAt: 'desc' },
    include: { org: { select: { id: true, name: true, uscc: true } } },
  });
}

export async function declareRepresentation(account: PublicAccountSession, usccInput: string, ip: string | null) {
  const check = checkUscc(usccInput);
  if (!check.ok) throw new ValidationError(check.message);
  const org = await db.subject.findUnique({ where: { uscc: check.normalized } });
  if (!org || org.kind !== 'ORG') throw new NotFoundError('平台中没有该统一社会信用代码对应的组织');
  const existing = await db.publicRepresentation.findUnique({
    where: { accountId_orgId: { accountId: account.accountId, orgId: org.id } },
  });
  if (existing && existing.status !== 'REJECTED') throw new ConflictError('您已申请过代表该组织');
  const legalRep = await isLegalRepresentative(account, org.id);
  const data = legalRep
    ? { status: 'CONFIRMED' as const, basis: 'LEGAL_REP', decidedAt: new Date(), reason: null }
    : { status: 'PENDING' as const, basis: null, decidedAt: null, reason: null };
  const row = existing
    ? await db.publicRepresentation.update({ where: { id: existing.id }, data: { ...data, createdAt: new Date() } })
    : await db.publicRepresentation.create({ data: { accountId: account.accountId, orgId: org.id, ...data } });
  await auditPublic({
    accountId: account.accountId,
    ip,
    action: 'DECLARE_REPRESENTATION',
    objectType: 'Subject',
    objectId: org.id,
    detail: { status: row.status },
  });
  return { id: row.id, status: row.status, orgName: org.name };
}

async function isLegalRepresentative(account: PublicAccountSession, orgId: string): Promise<boolean> {
  const now = new Date();
  const link = await db.subjectLink.findFirst({
    where: {
      orgId,
      role: 'LEGAL_REPRESENTATIVE',
      person: { idNumberHash: account.idNumberHash },
      OR: [{ until: null }, { until: { gt: now } }],
    },
    select: { id: true },
  });
  if (link) return true;
  // The organisation's own records (法定代表人信息, registration data) name the representative in a sealed field.
  const own = unseal(account.idNumberSealed);
  const records = await db.creditRecord.findMany({
    where: { subjectId: orgId, sealed: { not: null }, withdrawnAt: null },
    select: { sealed: true },
    take: 200,
  });
  return records.some((r) => {
    const values = unsealJson<Record<string, string>>(r.sealed!);
    const number = values.legalRepIdNumber;
    if (!number) return false;
    const checked = checkIdNumber(number);
    return checked.ok && checked.normalized === own;
  });
}

// ── staff side (permission subject:confirm-representative)

export async function pendingRepresentations() {
  const rows = await db.publicRepresentation.findMany({
    where: { status: 'PENDING' },
    orderBy: { createdAt: 'asc' },
    take: 200,
    include: {
      org: { select: { id: true, name: true, uscc: true } },
      account: { select: { id: true, name: true } },
    },
  });
  return rows;
}

export async function decideRepresentation(
  user: CurrentUser,
  id: string,
  decision: 'CONFIRM' | 'REJECT',
  reason: string | null,
  ip: string | null,
) {
  const note = reason?.trim() || null;
  if (decision === 'REJECT' && !note) throw new ValidationError('驳回时请填写理由');
  // Conditional: of two staff deciding at once, exactly one decides.
  const done = await db.publicRepresentation.updateMany({
    where: { id, status: 'PENDING' },
    data: {
      status: decision === 'CONFIRM' ? 'CONFIRMED' : 'REJECTED',
      basis: decision === 'CONFIRM' ? 'STAFF' : null,
      decidedById: user.id,
      decidedByName: user.displayName,
      decidedAt: new Date(),
      reason: note,
    },
  });
  if (done.count !== 1) {
    const exists = await db.publicRepresentation.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new NotFoundError('申请不存在');
    throw new ConflictError('该申请已处理');
  }
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'public-account',
    action: decision === 'CONFIRM' ? 'CONFIRM_REPRESENTATION' : 'REJECT_REPRESENTATION',
    objectType: 'PublicRepresentation',
    objectId: id,
    detail: note ? { reason: note } : undefined,
  });
}
