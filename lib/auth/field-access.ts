// Record- and column-level access to credit records (R-7.4; ASVS 8.2.2 / 8.2.3): a record of a department in
// the viewer's full scope is readable in full; a record of a shared department only in the columns its
// roles were granted for that catalog; any other record not at all. Every screen, API answer and export of
// records goes through these helpers.
import type { Prisma } from '@/lib/db';
import { controlledRecordFilter } from '@/lib/records/controlled';
import { canSeeDept, type CurrentUser } from './load-user';

export type FieldAccess = 'ALL' | ReadonlySet<string> | null;

interface RecordRef {
  catalogId: string;
  providerDeptId: string;
}

/** Which fields of this record the viewer may read: all, the granted ones, or none (not visible). */
export function fieldAccess(user: CurrentUser, record: RecordRef): FieldAccess {
  if (canSeeDept(user, record.providerDeptId)) return 'ALL';
  if (!user.sharedDeptIds.includes(record.providerDeptId)) return null;
  const granted = user.columnGrants.get(record.catalogId);
  return granted && granted.size > 0 ? granted : null;
}

/**
 * A record's values cut down to what the viewer may read; null when the record is not visible at all.
 * Fields outside the grant are absent, not blanked, so nothing about them leaves the server.
 */
export function filterRecordFields<T>(
  user: CurrentUser,
  record: RecordRef,
  values: Record<string, T>,
): Record<string, T> | null {
  const access = fieldAccess(user, record);
  if (access === null) return null;
  if (access === 'ALL') return { ...values };
  return Object.fromEntries(Object.entries(values).filter(([key]) => access.has(key)));
}

/**
 * The records a viewer may see at all, as a Prisma filter: full scope, or shared with a column grant and not
 * controlled for the shared audience (受控信息, lib/records/controlled.ts).
 */
export function recordScopeWhere(user: CurrentUser): Prisma.CreditRecordWhereInput {
  if (user.visibleDeptIds === null) return {};
  const grantedCatalogs = [...user.columnGrants].filter(([, keys]) => keys.size > 0).map(([id]) => id);
  const shared: Prisma.CreditRecordWhereInput[] =
    user.sharedDeptIds.length && grantedCatalogs.length
      ? [
          {
            providerDeptId: { in: user.sharedDeptIds },
            catalogId: { in: grantedCatalogs },
            AND: [controlledRecordFilter('shared')],
          },
        ]
      : [];
  return { OR: [{ providerDeptId: { in: user.visibleDeptIds } }, ...shared] };
}
