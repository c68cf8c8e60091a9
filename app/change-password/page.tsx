import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LogoutButton } from '@/app/_components/LogoutButton';
import { getSignInState } from '@/lib/auth/current-user';
import { nextSignInStep } from '@/lib/auth/next-step';
import { ChangePasswordForm } from './ChangePasswordForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '修改密码' };

export default async function ChangePasswordPage() {
  const state = await getSignInState();
  if (!state) redirect('/login');
  // A session waiting for its TOTP code does that first.
  if (state.mfa === 'pending' && nextSignInStep(state) !== '/change-password') redirect('/login');
  const user = state.user;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-blue-900">信用武陟</p>
          <h1 className="mt-2 text-lg font-medium text-slate-900">修改密码</h1>
          <p className="mt-1 text-sm text-slate-600">
            {user.displayName}（{user.username}）
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {user.mustChangePassword && (
            <p
              role="status"
              data-testid="must-change-notice"
              className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
            >
              首次登录或密码已被重置，请先修改密码后再使用系统。
            </p>
          )}
          <div id="password-policy" className="mb-4 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
            <p className="font-medium text-slate-700">密码要求</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              <li>长度不少于 12 位（不超过 128 位）</li>
              <li>含大写字母、小写字母、数字、特殊字符中至少三类</li>
              <li>不能包含用户名，不能与最近 5 次使用过的密码相同</li>
            </ul>
          </div>
          <ChangePasswordForm />
          <p className="mt-4 text-xs text-slate-500">修改成功后，所有已登录的会话将退出，请使用新密码重新登录。</p>
        </div>
        <div className="mt-4 flex items-center justify-center gap-4 text-sm">
          {!user.mustChangePassword && (
            <Link href="/home" className="text-blue-700 underline-offset-4 hover:underline">
              返回工作台
            </Link>
          )}
          <LogoutButton className="border-slate-300 bg-white text-slate-700 hover:bg-slate-50" />
        </div>
      </div>
    </main>
  );
}
