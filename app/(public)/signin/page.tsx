import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentPublicAccount } from '@/lib/public-accounts/current';
import { FormCard } from '../account/_components/fields';
import { SignInForm } from './SignInForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '个人账号登录 · 信用武陟' };

export default async function SignInPage() {
  if (await currentPublicAccount()) redirect('/account');
  return (
    <FormCard
      title="个人账号登录"
      intro={
        <>
          还没有账号？
          <Link href="/register" className="text-blue-800 underline underline-offset-2">
            实名注册
          </Link>
          。工作人员请使用
          <Link href="/login" className="text-blue-800 underline underline-offset-2">
            工作人员登录
          </Link>
          。
        </>
      }
    >
      <SignInForm />
    </FormCard>
  );
}
