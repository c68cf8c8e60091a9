// Personal fields of a row as shown on screens that are not the provider's own fix screen: masked by type
// (lib/crypto/mask.ts), so a reviewer can recognise a value without being able to reuse it.
import type { FieldDef, RowValues } from '@/lib/catalog/types';
import { maskIdNumber, maskName, maskPhone } from '@/lib/crypto/mask';

function maskValue(field: Pick<FieldDef, 'type' | 'personal'>, value: string): string {
  if (!field.personal || !value) return value;
  if (field.type === 'ID_NUMBER' || field.type === 'CERT_NUMBER') return maskIdNumber(value);
  if (field.type === 'PHONE') return maskPhone(value);
  return maskName(value);
}

export function maskValues(fields: readonly FieldDef[], values: RowValues): RowValues {
  const out: RowValues = {};
  for (const f of fields) {
    const v = values[f.key];
    if (v !== undefined) out[f.key] = maskValue(f, v);
  }
  return out;
}
