// The per-row work of storing a row that needs no database: the format check, the natural key and fingerprint,
// the split into clear and sealed fields, and what 关联比对 will look up. It is most of an import's CPU time, so
// the import runs it on a worker thread (./prepare-pool.ts) while the main thread parses and writes; the fix
// loop runs it inline. Pure apart from sealing.
import { publicityWindow, type PublicityWindow } from '@/lib/catalog/admin/publicity';
import { checkRow } from '@/lib/catalog/check-row';
import { fingerprintOf, naturalKeyOf } from '@/lib/catalog/keys';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { blindIndex, sealJson } from '@/lib/crypto/pii';

/** What 关联比对 matches a row against: an organisation by its code, a person by the hash of the ID number. */
export type SubjectRef =
  { kind: 'ORG'; key: string; name: string } | { kind: 'PERSON'; key: string; name: string; number: string };

/** A row ready to be stored, its values in the form the record tables hold them. */
export interface PreparedRecord {
  rowNumber: number;
  key: string;
  fingerprint: string;
  /** Non-personal values, JSON text for the jsonb column. */
  data: string;
  sealed: string | null;
  /** YYYY-MM-DD or null. */
  decisionDate: string | null;
  /** The publicity window (公示期) by the catalog version's rule; null: never on the public site. */
  publicity: PublicityWindow | null;
  subject: SubjectRef | null;
}

/** A row that cannot be stored as it is: it becomes a suspect item. */
export interface PreparedSuspect {
  rowNumber: number;
  problems: Problem[];
  /** The row as read, sealed (it may hold personal identifiers). */
  rowSealed: string;
}

export type PreparedRow = ({ ok: true } & PreparedRecord) | ({ ok: false } & PreparedSuspect);

const ORG_CATEGORIES = new Set(['02', '03', '04']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const NO_KEY: Problem = {
  field: null,
  code: 'NO_KEY',
  message: '缺少唯一标识字段（相对人代码/证件号码与决定文书号）',
};

/**
 * A row's cells as one flat string, to hold and to send to the preparing thread. A parser's cells are often
 * slices of a much larger decoded text, which they keep alive while they are held: packed, a chunk waiting in
 * memory costs its own size only. NUL never occurs in XML text; a CSV cell that holds one is packed as JSON.
 */
export function packCells(cells: readonly string[]): string {
  return cells.some((c) => c.includes('\u0000')) ? `J${JSON.stringify(cells)}` : `S${cells.join('\u0000')}`;
}

export function unpackCells(packed: string): string[] {
  return packed[0] === 'J' ? (JSON.parse(packed.slice(1)) as string[]) : packed.slice(1).split('\u0000');
}

/** A row's cells as values by field key, through the header's column map (column index → field key). */
export function rowValuesOf(columns: readonly (readonly [number, string])[], cells: readonly string[]): RowValues {
  const raw: RowValues = {};
  for (const [i, key] of columns) raw[key] = cells[i] ?? '';
  return raw;
}

/** An import row: checked against the catalog version, then prepared; `raw` is what the file said. */
export function prepareImportRow(def: CatalogDef, rowNumber: number, raw: RowValues, today: Date): PreparedRow {
  const checked = checkRow(def, raw, { today });
  if (checked.problems.length) return { ok: false, rowNumber, problems: checked.problems, rowSealed: sealJson(raw) };
  const prepared = prepareValues(def, rowNumber, checked.values);
  return prepared ? { ok: true, ...prepared } : { ok: false, rowNumber, problems: [NO_KEY], rowSealed: sealJson(raw) };
}

/** Values that passed the check; null when the row has no natural key. */
export function prepareValues(def: CatalogDef, rowNumber: number, values: RowValues): PreparedRecord | null {
  const key = naturalKeyOf(def, values);
  if (!key) return null;
  const data: Record<string, string> = {};
  let personal: Record<string, string> | null = null;
  for (const f of def.fields) {
    const v = values[f.key];
    if (!v) continue;
    if (f.personal) (personal ??= {})[f.key] = v;
    else data[f.key] = v;
  }
  const decision = values.decisionDate;
  return {
    rowNumber,
    key,
    fingerprint: fingerprintOf(def, values),
    data: JSON.stringify(data),
    sealed: personal ? sealJson(personal) : null,
    decisionDate: decision && ISO_DAY.test(decision) ? decision : null,
    publicity: publicityWindow(def.publicityRule, values),
    subject: subjectRefOf(values),
  };
}

function subjectRefOf(values: RowValues): SubjectRef | null {
  const name = values.subjectName ?? '';
  if (values.uscc && (ORG_CATEGORIES.has(values.subjectCategory ?? '') || !values.subjectCategory)) {
    return { kind: 'ORG', key: values.uscc, name };
  }
  if (!values.uscc && values.certNumber && (values.certType ?? '01') === '01') {
    return { kind: 'PERSON', key: blindIndex(values.certNumber), name, number: values.certNumber };
  }
  return null;
}
