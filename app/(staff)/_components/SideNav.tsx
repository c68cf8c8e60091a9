'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavNode } from '@/lib/admin/navigation';

/**
 * Workspace navigation from Menu data, already filtered by permission on the server; groups nest to any
 * depth. Each entry's test id is `nav-<menu code>`.
 */
export function SideNav({ nodes, badges = {} }: { nodes: NavNode[]; badges?: Record<string, number> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="工作台导航">
      <NavList nodes={nodes} badges={badges} pathname={pathname} depth={0} />
    </nav>
  );
}

function NavList({
  nodes,
  badges,
  pathname,
  depth,
}: {
  nodes: NavNode[];
  badges: Record<string, number>;
  pathname: string;
  depth: number;
}) {
  return (
    <ul className={depth === 0 ? 'flex gap-1 overflow-x-auto md:flex-col' : 'mt-1 flex gap-1 md:flex-col md:pl-3'}>
      {nodes.map((node) => (
        <li key={node.code} className={node.href ? undefined : 'md:mt-3'}>
          {node.href ? (
            <NavLink node={node} href={node.href} badge={badges[node.code]} pathname={pathname} />
          ) : (
            <span
              className="block px-3 py-1 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500"
              data-testid={`nav-${node.code}`}
            >
              {node.label}
            </span>
          )}
          {node.children.length > 0 && (
            <NavList nodes={node.children} badges={badges} pathname={pathname} depth={depth + 1} />
          )}
        </li>
      ))}
    </ul>
  );
}

function NavLink({ node, href, badge, pathname }: { node: NavNode; href: string; badge?: number; pathname: string }) {
  const path = href.split('?')[0]!;
  const active = pathname === path || pathname.startsWith(`${path}/`);
  return (
    <Link
      href={href}
      data-testid={`nav-${node.code}`}
      aria-current={active ? 'page' : undefined}
      className={`flex items-center justify-between gap-3 rounded-md px-3 py-2 text-sm whitespace-nowrap ${
        active ? 'bg-blue-50 font-medium text-blue-800' : 'text-slate-700 hover:bg-slate-100'
      }`}
    >
      <span>{node.label}</span>
      {badge ? (
        <span
          data-testid="inbox-badge"
          aria-label={`${badge} 项待办`}
          className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-medium text-white"
        >
          {badge > 99 ? '99+' : badge}
        </span>
      ) : null}
    </Link>
  );
}
