// Stores a suspect row the credit centre accepted as it is. The normal path (storeRows: dedup,
// 关联比对, lineage) is tried first; a row it still refuses — no natural key, or a name that differs from the
// registered subject, which is exactly what an explanation may justify — is written here as it is, linked to
// the subject registered under its code, with the earlier state kept as a revision if the record exists.
import { publicityWindow } from '@/lib/catalog/admin/publicity';
import { fingerprintOf, naturalKeyOf } from '@/lib/catalog/keys';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { blindIndex, sealJson } from '@/lib/crypto/pii';
import type { Prisma } from '@/lib/db';
import { storeRows } from '@/lib/import/store-rows';

type Tx = Prisma.TransactionClient;

export async function storeAccepted(
  tx: Tx,
  def: CatalogDef,
  batch: { id: string; providerDeptId: string },
  item: { id: string; rowNumber: number },
  values: RowValues,
): Promise<string> {
  const ctx = { def, batchId: batch.id, providerDeptId: batch.providerDeptId };
  const [outcome] = await storeRows(tx, ctx, [{ rowNumber: item.rowNumber, values }]);
  if (outcome && outcome.outcome !== 'SUSPECT') return outcome.recordId;

  const naturalKey = naturalKeyOf(def, values) ?? `accepted:${item.id}`;
  const fingerprint = fingerprintOf(def, values);
  const { data, sealed } = splitPersonal(def, values);
  const publicity = publicityWindow(def.publicityRule, values);
  const fields = {
    catalogVersionId: def.versionId,
    subjectId: await registeredSubjectId(tx, values),
    naturalKey,
    fingerprint,
    data,
    sealed,
    batchId: batch.id,
    rowNumber: item.rowNumber,
    decisionDate: dateOf(values.decisionDate),
    publicityStart: dateOf(publicity?.start),
    publicityMinEnd: dateOf(publicity?.minEnd),
    publicityEnd: dateOf(publicity?.end),
  };
  const prior = await tx.creditRecord.findUnique({
    where: { catalogId_naturalKey: { catalogId: def.catalogId, naturalKey } },
  });
  if (!prior) {
    const created = await tx.creditRecord.create({
      data: { ...fields, catalogId: def.catalogId, providerDeptId: batch.providerDeptId },
      select: { id: true },
    });
    return created.id;
  }
  await tx.creditRecordRevision.create({
    data: {
      recordId: prior.id,
      revision: prior.revision,
      data: prior.data ?? {},
      sealed: prior.sealed,
      fingerprint: prior.fingerprint,
      catalogVersionId: prior.catalogVersionId,
      batchId: prior.batchId,
      rowNumber: prior.rowNumber,
    },
  });
  await tx.creditRecord.update({ where: { id: prior.id }, data: { ...fields, revision: prior.revision + 1 } });
  return prior.id;
}

async function registeredSubjectId(tx: Tx, values: RowValues): Promise<string | null> {
  if (values.uscc) {
    const org = await tx.subject.findUnique({ where: { uscc: values.uscc }, select: { id: true } });
    if (org) return org.id;
  }
  if (values.certNumber && (values.certType ?? '01') === '01') {
    const person = await tx.subject.findUnique({
      where: { idNumberHash: blindIndex(values.certNumber) },
      select: { id: true },
    });
    if (person) return person.id;
  }
  return null;
}

function splitPersonal(def: CatalogDef, values: RowValues): { data: Record<string, string>; sealed: string | null } {
  const data: Record<string, string> = {};
  const personal: Record<string, string> = {};
  for (const f of def.fields) {
    const v = values[f.key];
    if (v) (f.personal ? personal : data)[f.key] = v;
  }
  return { data, sealed: Object.keys(personal).length ? sealJson(personal) : null };
}

function dateOf(v: string | null | undefined): Date | null {
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
}
