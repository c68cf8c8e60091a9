// Self-query: the signed-in person's own full record — every catalog's records of the PERSON subject with
// their 身份证号's keyed hash, public or not, personal values in clear for them alone — and, the same way, the
// records of the organisations they represent (confirmed). Each view is audited.
import { unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { HIDDEN_REASON_LABEL, hiddenReasons, publicationDay } from '@/lib/publication/rule';
import { auditPublic } from './audit';
import type { PublicAccountSession } from './session';

/** More than a person's lifetime of records; the page says when the list was cut. */
const MAX_RECORDS = 500;

export interface OwnRecord {
  id: string;
  decisionDate: string | null;
  providerDeptName: string;
  /** Empty when the record is on the public site; otherwise why not. */
  notPublicBecause: string[];
  values: { label: string; value: string }[];
}

export interface OwnCatalogRecords {
  catalogCode: string;
  catalogName: string;
  records: OwnRecord[];
}

export interface SubjectRecords {
  subject: { id: string; name: string; kind: 'ORG' | 'PERSON'; uscc: string | null } | null;
  catalogs: OwnCatalogRecords[];
  total: number;
  truncated: boolean;
}

export async function ownRecords(account: PublicAccountSession, ip: string | null): Promise<SubjectRecords> {
  const subject = await db.subject.findUnique({ where: { idNumberHash: account.idNumberHash } });
  const result = subject?.kind === 'PERSON' ? await subjectRecords(subject) : empty();
  await auditPublic({
    accountId: account.accountId,
    ip,
    action: 'SELF_QUERY',
    objectType: 'Subject',
    objectId: subject?.id,
    detail: { records: result.total },
  });
  return result;
}

/** An organisation's full record, for a holder whose representation of it is confirmed; otherwise 404. */
export async function representedOrgRecords(
  account: PublicAccountSession,
  orgId: string,
  ip: string | null,
): Promise<SubjectRecords> {
  const link = await db.publicRepresentation.findFirst({
    where: { accountId: account.accountId, orgId, status: 'CONFIRMED' },
    include: { org: true },
  });
  if (!link) {
    await auditPublic({
      accountId: account.accountId,
      ip,
      action: 'ORG_QUERY',
      objectType: 'Subject',
      objectId: orgId,
      result: 'DENIED',
    });
    throw new NotFoundError('未找到该组织，或您代表该组织的申请尚未确认');
  }
  const result = await subjectRecords(link.org);
  await auditPublic({
    accountId: account.accountId,
    ip,
    action: 'ORG_QUERY',
    objectType: 'Subject',
    objectId: orgId,
    detail: { records: result.total },
  });
  return result;
}

function empty(): SubjectRecords {
  return { subject: null, catalogs: [], total: 0, truncated: false };
}

async function subjectRecords(subject: {
  id: string;
  name: string;
  kind: 'ORG' | 'PERSON';
  uscc: string | null;
  restricted: boolean;
}): Promise<SubjectRecords> {
  const rows = await db.creditRecord.findMany({
    where: { subjectId: subject.id },
    orderBy: [{ decisionDate: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    take: MAX_RECORDS + 1,
    include: {
      providerDept: { select: { name: true } },
      catalogVersion: {
        select: {
          catalog: { select: { code: true, name: true, sensitivity: true } },
          fields: { orderBy: { sortOrder: 'asc' }, select: { key: true, label: true, personal: true } },
        },
      },
    },
  });
  const truncated = rows.length > MAX_RECORDS;
  const day = publicationDay();
  const byCatalog = new Map<string, OwnCatalogRecords>();
  for (const r of rows.slice(0, MAX_RECORDS)) {
    const { catalog, fields } = r.catalogVersion;
    const clear = (r.data ?? {}) as Record<string, string>;
    const personal = r.sealed ? unsealJson<Record<string, string>>(r.sealed) : {};
    const reasons = hiddenReasons(
      {
        catalogSensitivity: catalog.sensitivity,
        subjectRestricted: subject.restricted,
        publicityStart: r.publicityStart,
        publicityEnd: r.publicityEnd,
        withdrawnAt: r.withdrawnAt,
        repairedAt: r.repairedAt,
      },
      day,
    );
    const group = byCatalog.get(catalog.code) ?? { catalogCode: catalog.code, catalogName: catalog.name, records: [] };
    byCatalog.set(catalog.code, group);
    group.records.push({
      id: r.id,
      decisionDate: r.decisionDate ? r.decisionDate.toISOString().slice(0, 10) : null,
      providerDeptName: r.providerDept.name,
      notPublicBecause: reasons.map((x) => HIDDEN_REASON_LABEL[x]),
      values: fields
        .map((f) => ({ label: f.label, value: (f.personal ? personal[f.key] : clear[f.key]) ?? '' }))
        .filter((v) => v.value !== ''),
    });
  }
  return {
    subject: { id: subject.id, name: subject.name, kind: subject.kind, uscc: subject.uscc },
    catalogs: [...byCatalog.values()],
    total: Math.min(rows.length, MAX_RECORDS),
    truncated,
  };
}
