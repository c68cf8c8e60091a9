import Link from 'next/link';
import type { ReactNode } from 'react';
import { PublicNav } from './_components/PublicNav';

// The shell of the public site 信用武陟: the site name, the sections, the page, and who runs the site. Every
// public page lives under this route group; staff pages have their own shell in app/(staff).
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-blue-900"
      >
        跳到正文
      </a>
      <header className="bg-blue-900 text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-baseline gap-2 focus-visible:outline-2 focus-visible:outline-white">
            <span className="text-xl font-semibold tracking-wide">信用武陟</span>
            <span className="hidden text-sm text-blue-100 sm:inline">武陟县公共信用信息平台</span>
          </Link>
          <div className="flex items-center gap-3 text-sm">
            <Link href="/account" data-testid="public-account-link" className="text-blue-50 hover:underline">
              个人中心
            </Link>
            <Link
              href="/login"
              data-testid="staff-login-link"
              className="rounded-md bg-white px-3 py-1.5 font-medium text-blue-900 shadow-sm hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
              工作人员登录
            </Link>
          </div>
        </div>
        <PublicNav />
      </header>

      <main id="main" className="flex-1">
        {children}
      </main>

      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl space-y-1 px-4 py-6 text-xs leading-relaxed text-slate-600 sm:px-6">
          <p>信用武陟 · 武陟县公共信用信息平台</p>
          <p>主办单位：武陟县社会信用体系建设领导小组办公室</p>
          <p>本站公示的信用信息由各部门依法报送；如对公示信息有异议，可依法提出异议申请。</p>
        </div>
      </footer>
    </div>
  );
}
