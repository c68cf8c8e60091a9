// 关联比对: an organisation row's code and name must agree with the registered subject; a person's name must agree
// with the subject registered under the same ID number (found by its blind index). Unknown valid subjects are
// registered. Lookups are one query per kind for a whole set of rows; a SubjectCache spares an import the
// lookups of subjects it already saw in earlier chunks (subjects are never deleted).
import type { Problem } from '@/lib/catalog/types';
import { seal } from '@/lib/crypto/pii';
import type { PreparedRecord, SubjectRef } from './prepare-row';
import { utcTimestamp, type SqlRunner } from './sql';

export type SubjectResolution = { id: string } | { problem: Problem };

export interface KnownSubject {
  id: string;
  name: string;
}

/** Subjects known to exist in committed data, by kind and key (USCC or ID-number hash). */
export class SubjectCache {
  private readonly known = { ORG: new Map<string, KnownSubject>(), PERSON: new Map<string, KnownSubject>() };
  get(kind: SubjectRef['kind'], key: string) {
    return this.known[kind].get(key);
  }
  /** Call only after the transaction that created them committed. */
  add(kind: SubjectRef['kind'], key: string, subject: KnownSubject) {
    this.known[kind].set(key, subject);
  }
}

export interface NewSubject {
  ref: SubjectRef;
  id: string;
}

const squashName = (s: string) => s.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');

export async function resolveSubjects(
  sql: SqlRunner,
  rows: readonly PreparedRecord[],
  cache?: SubjectCache,
): Promise<{ byRow: Map<number, SubjectResolution>; created: NewSubject[] }> {
  const local = cache ?? new SubjectCache();
  const missing = { ORG: new Set<string>(), PERSON: new Set<string>() };
  for (const r of rows)
    if (r.subject && !local.get(r.subject.kind, r.subject.key)) missing[r.subject.kind].add(r.subject.key);
  const lookup = async (kind: SubjectRef['kind'], column: 'uscc' | 'idNumberHash') => {
    if (!missing[kind].size) return;
    const hits = await sql.query<{ id: string; key: string; name: string }>(
      `SELECT id::text AS id, "${column}" AS key, name FROM "Subject" WHERE "${column}" = ANY($1::text[])`,
      [[...missing[kind]]],
    );
    // Found in committed data, so safe to remember beyond this transaction.
    for (const h of hits) local.add(kind, h.key, { id: h.id, name: h.name });
  };
  await lookup('ORG', 'uscc');
  await lookup('PERSON', 'idNumberHash');

  const byRow = new Map<number, SubjectResolution>();
  const fresh = new Map<string, NewSubject>();
  for (const r of rows) {
    const ref = r.subject;
    if (!ref) continue;
    const reg = local.get(ref.kind, ref.key);
    if (reg && squashName(reg.name) !== squashName(ref.name)) {
      byRow.set(r.rowNumber, { problem: mismatch(ref, reg) });
    } else if (reg) byRow.set(r.rowNumber, { id: reg.id });
    else {
      const id = `${ref.kind}:${ref.key}`;
      const entry = fresh.get(id) ?? { ref, id: crypto.randomUUID() };
      fresh.set(id, entry);
      byRow.set(r.rowNumber, { id: entry.id });
    }
  }
  const created = [...fresh.values()];
  if (created.length) await insertSubjects(sql, created);
  return { byRow, created };
}

function mismatch(ref: SubjectRef, reg: KnownSubject): Problem {
  return ref.kind === 'ORG'
    ? {
        field: 'subjectName',
        code: 'NAME_MISMATCH',
        message: `行政相对人名称与统一社会信用代码登记的主体“${reg.name}”不一致`,
      }
    : { field: 'subjectName', code: 'NAME_MISMATCH', message: '行政相对人姓名与证件号码登记的自然人不一致' };
}

async function insertSubjects(sql: SqlRunner, subjects: NewSubject[]): Promise<void> {
  const now = utcTimestamp(new Date());
  await sql.query(
    `INSERT INTO "Subject" (id, kind, name, uscc, "idNumberHash", "idNumberSealed", "createdAt", "updatedAt")
     SELECT s.id, s.kind::"SubjectKind", s.name, s.uscc, s.hash, s.sealed, $7::timestamp, $7::timestamp
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS s(id, kind, name, uscc, hash, sealed)`,
    [
      subjects.map((s) => s.id),
      subjects.map((s) => s.ref.kind),
      subjects.map((s) => s.ref.name),
      subjects.map((s) => (s.ref.kind === 'ORG' ? s.ref.key : null)),
      subjects.map((s) => (s.ref.kind === 'PERSON' ? s.ref.key : null)),
      subjects.map((s) => (s.ref.kind === 'PERSON' ? seal(s.ref.number) : null)),
      now,
    ],
  );
}
