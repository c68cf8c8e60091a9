// The public site's sections, in the order the header shows them. A section another issue fills later (lists,
// disputes and repair) links to its page once that page exists; until then it is not in this list.
export interface PublicNavItem {
  href: string;
  label: string;
  /** Other path prefixes that highlight this item (e.g. a profile under 信用查询). */
  also?: string[];
}

export const PUBLIC_NAV: PublicNavItem[] = [
  { href: '/', label: '首页' },
  { href: '/search', label: '信用查询', also: ['/org', '/person'] },
  { href: '/publicity', label: '双公示' },
  { href: '/report/verify', label: '报告核验', also: ['/report'] },
  { href: '/news', label: '信用动态' },
];
