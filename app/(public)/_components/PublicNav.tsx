'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { PUBLIC_NAV } from '../_lib/nav';

// The header's section links: one row that scrolls sideways on a phone rather than a menu button, so every
// section is one tap away and works without JavaScript.
export function PublicNav() {
  const path = usePathname() ?? '/';
  const current = (href: string, also: string[] = []) =>
    href === '/' ? path === '/' : [href, ...also].some((p) => path === p || path.startsWith(`${p}/`));
  return (
    <nav aria-label="网站栏目" className="bg-blue-800">
      <ul className="mx-auto flex max-w-5xl gap-1 overflow-x-auto px-2 sm:px-4">
        {PUBLIC_NAV.map((item) => {
          const on = current(item.href, item.also);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={on ? 'page' : undefined}
                className={`block px-3 py-2.5 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-white ${
                  on ? 'bg-blue-950 font-semibold text-white' : 'text-blue-50 hover:bg-blue-900'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
