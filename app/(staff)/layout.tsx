import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { LogoutButton } from '@/app/_components/LogoutButton';
import { cachedInboxCounts, currentUser } from '@/app/_lib/session';
import { navigationFor } from '@/lib/admin/navigation';
import { SideNav } from './_components/SideNav';

export const dynamic = 'force-dynamic';

export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/login');
  if (user.mustChangePassword) redirect('/change-password');

  // The navigation is data (Menu, R-7.5), filtered by the user's permissions on the server.
  const nav = await navigationFor(user);
  const badges: Record<string, number> = {};
  if (user.permissions.has('inbox:view')) {
    const counts = await cachedInboxCounts(user);
    // The badge counts what waits for this user: own tasks plus the department's unclaimed ones.
    badges.inbox = counts.mine + counts.department;
  }

  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-blue-900 text-white">
        <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 md:px-6">
          <Link href="/home" className="text-lg font-semibold tracking-wide">
            信用武陟 · 工作台
          </Link>
          <div className="flex items-center gap-4 text-sm">
            <span data-testid="current-user">
              <span className="font-medium">{user.displayName}</span>
              <span className="ml-2 text-blue-200">{user.departmentName}</span>
            </span>
            <Link href="/change-password" className="text-blue-100 underline-offset-4 hover:underline">
              修改密码
            </Link>
            <LogoutButton className="border-blue-300/60 text-white hover:bg-blue-800 focus-visible:outline-white" />
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="border-b border-slate-200 bg-white p-3 md:w-52 md:shrink-0 md:border-r md:border-b-0">
          <SideNav nodes={nav} badges={badges} />
        </aside>
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
