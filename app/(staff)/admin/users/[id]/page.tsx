import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Badge } from '@/app/_components/Badge';
import { DetailItem } from '@/app/_components/DetailItem';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import { isUuid } from '@/app/_lib/params';
import { departmentTree, flattenTree } from '@/lib/admin/departments';
import { listRoles } from '@/lib/admin/roles';
import { getUserDetail } from '@/lib/admin/users';
import { can } from '@/lib/auth/load-user';
import { ActionButton } from '../../_components/ActionButton';
import { AdminForm } from '../../_components/AdminForm';
import { adminPage } from '../../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '用户详情' };

/** One account: edit, disable / enable, reset password (system administrator); roles (security administrator). */
export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, ctx, allowed } = await adminPage('admin:users', 'admin:roles');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const target = await getUserDetail(ctx, id).catch(() => null);
  if (!target) notFound();
  const self = target.id === user.id;
  const [tree, roles] = await Promise.all([departmentTree(ctx), listRoles(ctx)]);
  const depts = flattenTree(tree).map((d) => ({ value: d.id, label: `${'　'.repeat(d.depth)}${d.name}` }));

  return (
    <div className="space-y-4">
      <Link href="/admin/users" className="text-sm text-blue-700 hover:underline">
        ← 返回用户列表
      </Link>
      <Panel>
        <h1 className="text-xl font-semibold text-slate-900" data-testid="user-title">
          {target.displayName}
          <span className="ml-2 text-base font-normal text-slate-500">{target.username}</span>
        </h1>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-3">
          <DetailItem label="部门">{target.department.name}</DetailItem>
          <DetailItem label="状态">
            <span data-testid="user-status" data-status={target.status}>
              {target.status === 'ACTIVE' ? <Badge tone="green">正常</Badge> : <Badge tone="slate">已停用</Badge>}
              {target.disabledReason && <span className="ml-2 text-slate-600">{target.disabledReason}</span>}
            </span>
          </DetailItem>
          <DetailItem label="最近登录">{formatDateTime(target.lastLoginAt)}</DetailItem>
          <DetailItem label="角色">
            <span data-testid="user-roles">{target.roles.map((r) => r.name).join('、') || '未分配'}</span>
          </DetailItem>
          <DetailItem label="初始密码">{target.mustChangePassword ? '尚未修改' : '已修改'}</DetailItem>
          <DetailItem label="创建时间">{formatDateTime(target.createdAt)}</DetailItem>
        </dl>
      </Panel>

      {self && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          这是您自己的账号：不能修改自己的角色、状态或在此重置密码。
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        {can(user, 'user.edit') && (
          <FormPanel title="编辑用户">
            <AdminForm
              method="PATCH"
              url={`/api/admin/users/${target.id}`}
              submitLabel="保存"
              testId="user-edit"
              fields={[
                { kind: 'text', name: 'displayName', label: '姓名', defaultValue: target.displayName, required: true },
                {
                  kind: 'select',
                  name: 'departmentId',
                  label: '部门',
                  options: depts,
                  defaultValue: target.department.id,
                },
              ]}
            />
          </FormPanel>
        )}
        {can(user, 'user.assignRoles') && !self && (
          <FormPanel title="分配角色">
            <AdminForm
              method="PUT"
              url={`/api/admin/users/${target.id}/roles`}
              submitLabel="保存角色"
              testId="user-roles-form"
              fields={[
                {
                  kind: 'checkboxes',
                  name: 'roleIds',
                  label: '角色（可多选）',
                  hint: '系统管理、安全管理、审计管理三类权限不能由同一用户兼有。',
                  options: roles.map((r) => ({ value: r.id, label: r.name, hint: r.code })),
                  defaultValue: target.roles.map((r) => r.id),
                },
              ]}
            />
          </FormPanel>
        )}
        {can(user, 'user.disable') && !self && (
          <FormPanel title="账号状态">
            {target.status === 'ACTIVE' ? (
              <AdminForm
                method="POST"
                url={`/api/admin/users/${target.id}/disable`}
                submitLabel="停用账号"
                testId="user-disable"
                inline
                fields={[{ kind: 'text', name: 'reason', label: '停用原因', required: true }]}
              />
            ) : (
              <ActionButton
                method="POST"
                url={`/api/admin/users/${target.id}/enable`}
                label="启用账号"
                testId="user-enable"
              />
            )}
            <p className="mt-2 text-xs text-slate-500">停用后该用户的所有会话立即失效。</p>
          </FormPanel>
        )}
        {can(user, 'user.resetPassword') && !self && (
          <FormPanel title="重置密码">
            <AdminForm
              method="POST"
              url={`/api/admin/users/${target.id}/password`}
              submitLabel="重置"
              testId="user-password"
              inline
              resetOnSuccess
              fields={[{ kind: 'password', name: 'password', label: '临时密码', required: true }]}
            />
            <p className="mt-2 text-xs text-slate-500">用户须在下次登录时修改临时密码；同时解除登录锁定。</p>
          </FormPanel>
        )}
        {!self && (can(user, 'user.unlock') || can(user, 'user.resetTotp')) && (
          <FormPanel title="登录安全">
            <div className="flex flex-wrap gap-3">
              {can(user, 'user.unlock') && target.lockedUntil && target.lockedUntil > new Date() && (
                <ActionButton
                  method="POST"
                  url={`/api/admin/users/${target.id}/unlock`}
                  label="解除锁定"
                  testId="user-unlock"
                />
              )}
              {can(user, 'user.resetTotp') && target.totpEnabledAt && (
                <ActionButton
                  method="POST"
                  url={`/api/admin/users/${target.id}/totp-reset`}
                  label="重置验证器"
                  tone="danger"
                  confirm="重置后该用户须在下次登录时重新绑定验证器，确定？"
                  testId="user-totp-reset"
                />
              )}
            </div>
            <p className="mt-2 text-xs text-slate-500">
              {target.lockedUntil && target.lockedUntil > new Date()
                ? `账号因连续登录失败锁定至 ${formatDateTime(target.lockedUntil)}。`
                : '账号未被锁定。'}
              {target.totpEnabledAt ? '已绑定验证器。' : '未绑定验证器。'}
            </p>
          </FormPanel>
        )}
      </div>
    </div>
  );
}

function FormPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Panel title={title}>
      <div className="mt-3">{children}</div>
    </Panel>
  );
}
