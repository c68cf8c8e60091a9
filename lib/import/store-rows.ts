// Stores checked rows inside one transaction: deduplication by natural key and fingerprint,
// association matching (关联比对) against registered subjects, lineage on every record, and sealing of
// personal fields. Used by the import activity (chunks of a file) and by the fix loop (corrected rows).
import type { Prisma } from '@/lib/db';
import { naturalKeyOf, fingerprintOf } from '@/lib/catalog/keys';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { blindIndex, seal, sealJson } from '@/lib/crypto/pii';

type Tx = Prisma.TransactionClient;

export interface RowToStore {
  rowNumber: number;
  values: RowValues;
}

export type RowOutcome =
  | { rowNumber: number; outcome: 'STORED' | 'UPDATED' | 'DUPLICATE'; recordId: string }
  | { rowNumber: number; outcome: 'SUSPECT'; problems: Problem[] };

export interface StoreContext {
  def: CatalogDef;
  batchId: string;
  providerDeptId: string;
}

const ORG_CATEGORIES = new Set(['02', '03', '04']);

export async function storeRows(tx: Tx, ctx: StoreContext, rows: RowToStore[]): Promise<RowOutcome[]> {
  const outcomes = new Map<number, RowOutcome>();
  const keyed: (RowToStore & { key: string; fingerprint: string })[] = [];
  for (const row of rows) {
    const key = naturalKeyOf(ctx.def, row.values);
    if (!key) {
      outcomes.set(
        row.rowNumber,
        suspect(row, { field: null, code: 'NO_KEY', message: '缺少唯一标识字段（相对人代码/证件号码与决定文书号）' }),
      );
      continue;
    }
    keyed.push({ ...row, key, fingerprint: fingerprintOf(ctx.def, row.values) });
  }

  const subjects = await resolveSubjects(tx, keyed);
  const existing = await tx.creditRecord.findMany({
    where: { catalogId: ctx.def.catalogId, naturalKey: { in: [...new Set(keyed.map((r) => r.key))] } },
    select: {
      id: true,
      naturalKey: true,
      fingerprint: true,
      revision: true,
      data: true,
      sealed: true,
      batchId: true,
      rowNumber: true,
      catalogVersionId: true,
    },
  });
  const byKey = new Map(existing.map((r) => [r.naturalKey, r]));
  const inserts: Prisma.CreditRecordCreateManyInput[] = [];

  for (const row of keyed) {
    const subject = subjects.get(row.rowNumber);
    if (subject && 'problem' in subject) {
      outcomes.set(row.rowNumber, suspect(row, subject.problem));
      continue;
    }
    const { data, sealed } = split(ctx.def, row.values);
    const prior = byKey.get(row.key);
    if (prior && prior.fingerprint === row.fingerprint) {
      outcomes.set(row.rowNumber, { rowNumber: row.rowNumber, outcome: 'DUPLICATE', recordId: prior.id });
      continue;
    }
    if (prior) {
      // A changed repeat: keep the old state as a revision, then update in place.
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
      await tx.creditRecord.update({
        where: { id: prior.id },
        data: {
          data,
          sealed,
          fingerprint: row.fingerprint,
          revision: prior.revision + 1,
          batchId: ctx.batchId,
          rowNumber: row.rowNumber,
          catalogVersionId: ctx.def.versionId,
          subjectId: subject?.id ?? null,
          decisionDate: decisionDateOf(row.values),
        },
      });
      byKey.set(row.key, {
        ...prior,
        fingerprint: row.fingerprint,
        revision: prior.revision + 1,
        data,
        sealed,
        batchId: ctx.batchId,
        rowNumber: row.rowNumber,
        catalogVersionId: ctx.def.versionId,
      });
      outcomes.set(row.rowNumber, { rowNumber: row.rowNumber, outcome: 'UPDATED', recordId: prior.id });
      continue;
    }
    const id = crypto.randomUUID();
    inserts.push({
      id,
      catalogId: ctx.def.catalogId,
      catalogVersionId: ctx.def.versionId,
      subjectId: subject?.id ?? null,
      providerDeptId: ctx.providerDeptId,
      naturalKey: row.key,
      fingerprint: row.fingerprint,
      data,
      sealed,
      batchId: ctx.batchId,
      rowNumber: row.rowNumber,
      decisionDate: decisionDateOf(row.values),
    });
    byKey.set(row.key, {
      id,
      naturalKey: row.key,
      fingerprint: row.fingerprint,
      revision: 1,
      data,
      sealed,
      batchId: ctx.batchId,
      rowNumber: row.rowNumber,
      catalogVersionId: ctx.def.versionId,
    });
    outcomes.set(row.rowNumber, { rowNumber: row.rowNumber, outcome: 'STORED', recordId: id });
  }
  if (inserts.length) await tx.creditRecord.createMany({ data: inserts });
  return rows.map((r) => outcomes.get(r.rowNumber)!);
}

function suspect(row: RowToStore, problem: Problem): RowOutcome {
  return { rowNumber: row.rowNumber, outcome: 'SUSPECT', problems: [problem] };
}

function split(def: CatalogDef, values: RowValues): { data: Record<string, string>; sealed: string | null } {
  const data: Record<string, string> = {};
  const personal: Record<string, string> = {};
  for (const f of def.fields) {
    const v = values[f.key];
    if (!v) continue;
    (f.personal ? personal : data)[f.key] = v;
  }
  return { data, sealed: Object.keys(personal).length ? sealJson(personal) : null };
}

function decisionDateOf(values: RowValues): Date | null {
  const v = values.decisionDate;
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
}

const squashName = (s: string) => s.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');

type SubjectResolution = { id: string } | { problem: Problem };

/**
 * 关联比对: an organisation row's code and name must agree with the registered subject; a person's name
 * must agree with the subject registered under the same ID number. Unknown valid subjects are registered.
 */
async function resolveSubjects(tx: Tx, rows: RowToStore[]): Promise<Map<number, SubjectResolution>> {
  const result = new Map<number, SubjectResolution>();
  const orgRows = rows.filter(
    (r) => r.values.uscc && (ORG_CATEGORIES.has(r.values.subjectCategory ?? '') || !r.values.subjectCategory),
  );
  const personRows = rows.filter((r) => !r.values.uscc && r.values.certNumber && (r.values.certType ?? '01') === '01');

  if (orgRows.length) {
    const codes = [...new Set(orgRows.map((r) => r.values.uscc!))];
    const known = new Map(
      (await tx.subject.findMany({ where: { uscc: { in: codes } }, select: { id: true, uscc: true, name: true } })).map(
        (s) => [s.uscc!, s],
      ),
    );
    const fresh = new Map<string, string>();
    for (const r of orgRows) {
      const name = r.values.subjectName ?? '';
      const reg = known.get(r.values.uscc!);
      if (reg && squashName(reg.name) !== squashName(name)) {
        result.set(r.rowNumber, {
          problem: {
            field: 'subjectName',
            code: 'NAME_MISMATCH',
            message: `行政相对人名称与统一社会信用代码登记的主体“${reg.name}”不一致`,
          },
        });
      } else if (reg) result.set(r.rowNumber, { id: reg.id });
      else {
        const id = fresh.get(r.values.uscc!) ?? crypto.randomUUID();
        fresh.set(r.values.uscc!, id);
        result.set(r.rowNumber, { id });
      }
    }
    if (fresh.size) {
      const firstName = new Map(orgRows.map((r) => [r.values.uscc!, r.values.subjectName ?? ''] as const).reverse());
      await tx.subject.createMany({
        data: [...fresh].map(([uscc, id]) => ({
          id,
          kind: 'ORG' as const,
          uscc,
          name: firstName.get(uscc) ?? '',
          orgCategory: null,
        })),
      });
    }
  }

  if (personRows.length) {
    const hashes = new Map(personRows.map((r) => [r.rowNumber, blindIndex(r.values.certNumber!)]));
    const known = new Map(
      (
        await tx.subject.findMany({
          where: { idNumberHash: { in: [...new Set(hashes.values())] } },
          select: { id: true, idNumberHash: true, name: true },
        })
      ).map((s) => [s.idNumberHash!, s]),
    );
    const fresh = new Map<string, { id: string; name: string; number: string }>();
    for (const r of personRows) {
      const hash = hashes.get(r.rowNumber)!;
      const reg = known.get(hash);
      const name = r.values.subjectName ?? '';
      if (reg && squashName(reg.name) !== squashName(name)) {
        result.set(r.rowNumber, {
          problem: {
            field: 'subjectName',
            code: 'NAME_MISMATCH',
            message: '行政相对人姓名与证件号码登记的自然人不一致',
          },
        });
      } else if (reg) result.set(r.rowNumber, { id: reg.id });
      else {
        const entry = fresh.get(hash) ?? { id: crypto.randomUUID(), name, number: r.values.certNumber! };
        fresh.set(hash, entry);
        result.set(r.rowNumber, { id: entry.id });
      }
    }
    if (fresh.size) {
      await tx.subject.createMany({
        data: [...fresh].map(([hash, p]) => ({
          id: p.id,
          kind: 'PERSON' as const,
          name: p.name,
          idNumberHash: hash,
          idNumberSealed: seal(p.number),
        })),
      });
    }
  }
  return result;
}
