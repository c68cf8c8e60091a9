// The tabs of an organisation's public profile and which catalogs feed each. A catalog belongs to the first tab
// that names its code, else to the first tab that names its category (CatalogCategory in prisma/schema.prisma).
// A later issue adds a tab (e.g. 红黑名单) by adding an entry here; a tab with no catalog yet shows a count of 0.
import type { CatalogCategory } from '@/lib/db';

export interface ProfileTab {
  key: string;
  label: string;
  /** Catalog codes that belong to this tab before any category rule applies. */
  codes?: readonly string[];
  categories?: readonly CatalogCategory[];
}

export const PROFILE_TABS: readonly ProfileTab[] = [
  { key: 'license', label: '行政许可', codes: ['ADMIN_LICENSE'] },
  { key: 'penalty', label: '行政处罚', codes: ['ADMIN_PENALTY'] },
  { key: 'positive', label: '守信激励', categories: ['POSITIVE'] },
  { key: 'negative', label: '失信惩戒', categories: ['NEGATIVE'] },
  { key: 'attention', label: '重点关注', categories: ['SOCIAL'] },
  { key: 'commitment', label: '信用承诺', codes: ['CREDIT_COMMITMENT'] },
];

export type TabKey = string;

/** Which tab a catalog belongs to, or null when no tab shows it (e.g. 基础信息 catalogs). */
export function tabOfCatalog(c: { code: string; category: CatalogCategory }): ProfileTab | null {
  return (
    PROFILE_TABS.find((t) => t.codes?.includes(c.code)) ??
    PROFILE_TABS.find((t) => t.categories?.includes(c.category)) ??
    null
  );
}

/** The public catalogs of each tab, keyed by tab key. */
export function catalogsByTab(
  catalogs: readonly { id: string; code: string; category: CatalogCategory }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>(PROFILE_TABS.map((t) => [t.key, []]));
  for (const c of catalogs) {
    const tab = tabOfCatalog(c);
    if (tab) out.get(tab.key)!.push(c.id);
  }
  return out;
}
