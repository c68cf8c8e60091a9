// A public record's values as a public page shows them: only fields classified PUBLIC (./rule.ts), and of
// those the personal ones masked — names 张*三, identifiers never in full. A person subject's name and a legal
// representative's name are masked wherever they appear, since they are personal whatever the catalog says.
import type { FieldDef, RowValues } from '@/lib/catalog/types';
import { isPersonalField, maskIdentifierPublic, maskNamePublic } from '@/lib/crypto/mask';
import { publicFields } from './rule';

const IDENTIFIER_TYPES: readonly string[] = ['ID_NUMBER', 'CERT_NUMBER', 'PHONE'];

/** The field key that holds the subject's name (行政相对人名称) in every built-in catalog. */
const SUBJECT_NAME_KEY = 'subjectName';
/** Fields that always name a natural person (法定代表人), though catalogs keep them in clear for staff. */
const PERSON_NAME_KEYS: readonly string[] = ['legalRepName'];

export function publicValue(field: Pick<FieldDef, 'type' | 'personal'>, value: string): string {
  if (!value || !isPersonalField(field)) return value;
  return IDENTIFIER_TYPES.includes(field.type) ? maskIdentifierPublic(value) : maskNamePublic(value);
}

/** The values a public page may show of a record, keyed by field; fields not classified PUBLIC are absent. */
export function publicValues(
  fields: readonly FieldDef[],
  values: RowValues,
  subjectKind: 'ORG' | 'PERSON' | null,
): RowValues {
  const out: RowValues = {};
  for (const f of publicFields(fields)) {
    const v = values[f.key];
    if (v === undefined || v === '') continue;
    const personName = PERSON_NAME_KEYS.includes(f.key) || (f.key === SUBJECT_NAME_KEY && subjectKind === 'PERSON');
    out[f.key] = personName ? maskNamePublic(v) : publicValue(f, v);
  }
  return out;
}

/** A subject's name as a public page shows it: an organisation's in full, a person's masked. */
export function publicSubjectName(subject: { kind: 'ORG' | 'PERSON'; name: string }): string {
  return subject.kind === 'PERSON' ? maskNamePublic(subject.name) : subject.name;
}
