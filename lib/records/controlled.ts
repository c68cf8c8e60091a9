// Controlled data (受控信息, R-2.5): restricted catalogs, fields and subjects are kept out of shared and public
// views. Every view that shows credit records outside the providing department and the credit centre asks
// isControlled(); list queries use controlledRecordFilter() so controlled rows never leave the database.
import type { Prisma } from '@/lib/db';
import type { Sensitivity } from '@/lib/catalog/types';

/**
 * Where a record is shown:
 * - internal: the providing department (within its data scope) and the credit centre — nothing is withheld
 *   by classification (personal fields are still masked unless revealed with audit);
 * - shared: other departments querying shared data (共享查询, column grants apply on top);
 * - public: the 信用武陟 website and self-query.
 */
export type ViewAudience = 'internal' | 'shared' | 'public';

/** The most sensitive classification each audience may see. */
const ALLOWED: Record<ViewAudience, readonly Sensitivity[]> = {
  internal: ['PUBLIC', 'SHARED', 'RESTRICTED', 'CONFIDENTIAL'],
  shared: ['PUBLIC', 'SHARED'],
  public: ['PUBLIC'],
};

export interface ControlInput {
  /** Catalog.sensitivity of the record's catalog. */
  catalogSensitivity?: Sensitivity | null;
  /** CatalogField.visibility, when asking about one field. */
  fieldVisibility?: Sensitivity | null;
  /** Subject.restricted of the record's subject. */
  subjectRestricted?: boolean | null;
}

/** True when the record (or the field of it) must not be shown to this audience. */
export function isControlled(input: ControlInput, audience: ViewAudience): boolean {
  if (audience === 'internal') return false;
  if (input.subjectRestricted) return true;
  const allowed = ALLOWED[audience];
  if (input.catalogSensitivity && !allowed.includes(input.catalogSensitivity)) return true;
  if (input.fieldVisibility && !allowed.includes(input.fieldVisibility)) return true;
  return false;
}

/** Prisma filter keeping controlled records (catalog classification, restricted subject) out of a query. */
export function controlledRecordFilter(audience: ViewAudience): Prisma.CreditRecordWhereInput {
  if (audience === 'internal') return {};
  return {
    catalogVersion: { catalog: { sensitivity: { in: [...ALLOWED[audience]] } } },
    OR: [{ subjectId: null }, { subject: { restricted: false } }],
  };
}
