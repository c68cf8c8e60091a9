import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { smsAvailable } from '@/lib/public-accounts/channels';
import { currentPublicAccount } from '@/lib/public-accounts/current';
import { FormCard } from '../account/_components/fields';
import { RegisterForm } from './RegisterForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '注册个人账号 · 信用武陟' };

export default async function RegisterPage() {
  if (await currentPublicAccount()) redirect('/account');
  return (
    <FormCard
      title="注册个人账号"
      intro={
        <>
          实名注册后，可查询本人的完整信用记录，并查询您代表的组织的信用记录。已有账号？
          <Link href="/signin" className="text-blue-800 underline underline-offset-2">
            直接登录
          </Link>
        </>
      }
    >
      <RegisterForm smsAvailable={smsAvailable()} />
    </FormCard>
  );
}
