import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { first, type SearchParams } from '@/app/_lib/params';
import { getSignInState } from '@/lib/auth/current-user';
import { nextSignInStep } from '@/lib/auth/next-step';
import { env } from '@/lib/env';
import { CertificateLogin } from './CertificateLogin';
import { LoginForm } from './LoginForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '工作人员登录' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const changed = first((await searchParams).changed) === '1';
  // A session goes on to its next sign-in step (TOTP code, password change, enrolment), or to work.
  const state = await getSignInState();
  if (state) redirect(nextSignInStep(state) ?? '/home');
  const certificateLogin = env().CERT_LOGIN_ENABLED;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <Link href="/" className="text-2xl font-semibold text-blue-900">
            信用武陟
          </Link>
          <h1 className="mt-2 text-sm text-slate-600">工作人员登录</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {changed && (
            <p
              role="status"
              data-testid="login-notice"
              className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            >
              密码已修改，请使用新密码登录
            </p>
          )}
          <LoginForm />
          {certificateLogin && <CertificateLogin />}
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">连续多次输入错误，账号将被暂时锁定。</p>
      </div>
    </main>
  );
}
