'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
  testId: string;
  badge?: number;
}

/** Workspace navigation; the items are already filtered by permission on the server. */
export function SideNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="工作台导航">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                data-testid={item.testId}
                aria-current={active ? 'page' : undefined}
                className={`flex items-center justify-between gap-3 whitespace-nowrap rounded-md px-3 py-2 text-sm ${
                  active ? 'bg-blue-50 font-medium text-blue-800' : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                <span>{item.label}</span>
                {item.badge ? (
                  <span
                    data-testid="inbox-badge"
                    aria-label={`${item.badge} 项待办`}
                    className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs font-medium leading-5 text-white"
                  >
                    {item.badge > 99 ? '99+' : item.badge}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
