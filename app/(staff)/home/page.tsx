import Link from 'next/link';
import { cachedInboxCounts, staffPage } from '@/app/_lib/session';
import { roleNames } from '@/lib/auth/role-names';
import { batchCounts } from '@/lib/batches/queries';

export const dynamic = 'force-dynamic';

/** The landing page after sign-in: who I am, and the way into each part of the workspace I may use. */
export default async function HomePage() {
  const { user } = await staffPage();
  const roles = await roleNames(user.roles);
  const cards: { href: string; title: string; text: string; testId: string }[] = [];
  if (user.permissions.has('inbox:view')) {
    const counts = await cachedInboxCounts(user);
    cards.push({
      href: '/inbox',
      title: '待办任务',
      text: `我的待办 ${counts.mine} 项，部门待认领 ${counts.department} 项`,
      testId: 'home-inbox',
    });
  }
  if (user.permissions.has('batch:view')) {
    const { running, returned } = await batchCounts(user);
    const text = user.permissions.has('data:import')
      ? '下载模板、上传数据、查看批次与处理历史'
      : '查看归集批次与处理历史';
    cards.push({
      href: '/batches',
      title: '数据归集',
      text: `${text}（处理中 ${running} 批，退回修复中 ${returned} 批）`,
      testId: 'home-batches',
    });
  }
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-semibold text-slate-900">您好，{user.displayName}</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="home-identity">
          {user.departmentName} · {roles.join('、') || '未分配角色'}
        </p>
      </section>
      {cards.length ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {cards.map((c) => (
            <li key={c.href}>
              <Link
                href={c.href}
                data-testid={c.testId}
                className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-blue-400 hover:shadow-sm"
              >
                <h2 className="font-medium text-blue-900">{c.title}</h2>
                <p className="mt-2 text-sm text-slate-600">{c.text}</p>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600" data-testid="home-empty">
          您的角色暂未开通业务模块。系统管理、授权与审计功能将在后续版本中提供。
        </p>
      )}
    </div>
  );
}
