import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import QRCode from 'qrcode';
import { LogoutButton } from '@/app/_components/LogoutButton';
import { CodeForm } from '@/app/login/totp/CodeForm';
import { enrolAction } from '@/app/login/totp/actions';
import { getSignInState } from '@/lib/auth/current-user';
import { pendingEnrolment } from '@/lib/auth/mfa';
import { nextSignInStep } from '@/lib/auth/next-step';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '绑定验证器' };

export default async function TotpEnrolmentPage() {
  const state = await getSignInState();
  if (!state) redirect('/login');
  const step = nextSignInStep(state);
  // Administrators come here forced, after the password; other staff come by choice, fully signed in.
  if (step && step !== '/account/totp') redirect(step);
  const forced = step === '/account/totp';

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold text-blue-900">信用武陟</p>
          <h1 className="mt-2 text-lg font-medium text-slate-900">双因素认证 · 绑定验证器</h1>
          <p className="mt-1 text-sm text-slate-600">
            {state.user.displayName}（{state.user.username}）
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {state.totpEnrolled ? (
            <p role="status" data-testid="totp-enrolled" className="text-sm text-emerald-800">
              已启用双因素认证。登录时除密码外，还需输入验证器中的动态验证码。
            </p>
          ) : (
            <Enrolment userId={state.user.id} forced={forced} />
          )}
        </div>
        <div className="mt-4 flex items-center justify-center gap-4 text-sm">
          {!forced && (
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

async function Enrolment({ userId, forced }: { userId: string; forced: boolean }) {
  const { secret, uri } = await pendingEnrolment(userId);
  const qr = await QRCode.toDataURL(uri, { margin: 1, width: 192, errorCorrectionLevel: 'M' });
  return (
    <>
      {forced && (
        <p
          role="status"
          data-testid="totp-required"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800"
        >
          管理员账号须启用双因素认证，绑定验证器后才能使用系统。
        </p>
      )}
      <ol className="mb-4 list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>在手机上打开验证器应用（如 FreeOTP、Google Authenticator、Microsoft Authenticator）。</li>
        <li>扫描下方二维码，或手动输入密钥。</li>
        <li>输入验证器显示的 6 位验证码完成绑定。</li>
      </ol>
      <div className="mb-4 flex flex-col items-center gap-2">
        <img src={qr} width={192} height={192} alt="验证器绑定二维码" data-testid="totp-qr" />
        <p className="text-xs text-slate-500">手动输入密钥</p>
        <code
          data-testid="totp-secret"
          className="rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
      </div>
      <CodeForm action={enrolAction} submitText="完成绑定" />
    </>
  );
}
