import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LogoutButton } from '@/app/_components/LogoutButton';
import { getSignInState } from '@/lib/auth/current-user';
import { nextSignInStep } from '@/lib/auth/next-step';
import { verifyCodeAction } from './actions';
import { CodeForm } from './CodeForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '双因素认证' };

export default async function TotpStepPage() {
  const state = await getSignInState();
  if (!state) redirect('/login');
  const step = nextSignInStep(state);
  if (step !== '/login/totp') redirect(step ?? '/home');

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-blue-900">信用武陟</p>
          <h1 className="mt-2 text-lg font-medium text-slate-900">双因素认证</h1>
          <p className="mt-1 text-sm text-slate-600">
            {state.user.displayName}（{state.user.username}）
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <p className="mb-4 text-sm text-slate-600">
            请打开手机上的验证器应用，输入“信用武陟”账号当前显示的 6 位验证码。
          </p>
          <CodeForm action={verifyCodeAction} submitText="验证并登录" />
          <p className="mt-4 text-xs text-slate-500">
            连续多次输入错误，账号将被暂时锁定。验证器丢失请联系安全管理员重置。
          </p>
        </div>
        <div className="mt-4 flex justify-center">
          <LogoutButton className="border-slate-300 bg-white text-slate-700 hover:bg-slate-50" />
        </div>
      </div>
    </main>
  );
}
