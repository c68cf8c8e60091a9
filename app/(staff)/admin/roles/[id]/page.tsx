import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { isUuid } from '@/app/_lib/params';
import { grantableCatalogs } from '@/lib/admin/column-grants';
import { departmentTree } from '@/lib/admin/departments';
import { getRoleDetail } from '@/lib/admin/roles';
import { can } from '@/lib/auth/load-user';
import { isControlled } from '@/lib/records/controlled';
import { ActionButton } from '../../_components/ActionButton';
import { AdminForm } from '../../_components/AdminForm';
import { adminPage, SCOPE_LABEL } from '../../_lib/admin-page';
import { roleFields } from '../../_lib/role-fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '角色详情' };

/** One role: permissions and data scope, column grants per catalog, holders, delete. */
export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const { user, ctx, allowed } = await adminPage('admin:roles');
  if (!allowed) return <Forbidden />;
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const role = await getRoleDetail(ctx, id).catch(() => null);
  if (!role) notFound();
  const [tree, catalogs] = await Promise.all([departmentTree(ctx), grantableCatalogs(ctx)]);
  // The actor cannot change a role they hold (no granting oneself more).
  const held = role.users.some((u) => u.id === user.id);
  const grants = (catalogId: string) =>
    role.columnGrants.filter((g) => g.catalogId === catalogId).map((g) => g.fieldKey);

  return (
    <div className="space-y-4">
      <Link href="/admin/roles" className="text-sm text-blue-700 hover:underline">
        ← 返回角色列表
      </Link>
      <Panel>
        <h1 className="text-xl font-semibold text-slate-900" data-testid="role-title">
          {role.name}
          <span className="ml-2 font-mono text-sm font-normal text-slate-500">{role.code}</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          数据范围：{SCOPE_LABEL[role.dataScope]}
          {role.sharedDepartments.length > 0 && `（共享：${role.sharedDepartments.map((d) => d.name).join('、')}）`}
          ；持有用户：{role.users.map((u) => u.displayName).join('、') || '无'}
        </p>
        {held && (
          <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">您持有此角色，不能修改它。</p>
        )}
      </Panel>

      {can(user, 'role.edit') && !held && (
        <Panel title="权限与数据范围">
          <div className="mt-3">
            <AdminForm
              method="PATCH"
              url={`/api/admin/roles/${role.id}`}
              submitLabel="保存"
              testId="role-edit"
              fields={roleFields(tree, {
                name: role.name,
                description: role.description,
                dataScope: role.dataScope,
                permissions: role.permissions,
                shared: role.sharedDepartments.map((d) => d.id),
              })}
            />
          </div>
        </Panel>
      )}

      {can(user, 'role.grantColumns') && !held && (
        <Panel title="列权限（共享数据可见字段）" testId="column-grants">
          <p className="mt-1 text-xs text-slate-500">
            持有此角色的用户查询共享部门的信用记录时，只能看到勾选的字段；受控字段（限制、保密级）不能共享。
          </p>
          <div className="mt-3 space-y-4">
            {catalogs.map((c) => (
              <div
                key={c.id}
                className="rounded-md border border-slate-100 p-3"
                data-testid="grant-catalog"
                data-code={c.code}
              >
                <AdminForm
                  method="PUT"
                  url={`/api/admin/roles/${role.id}/column-grants`}
                  submitLabel={`保存“${c.name}”列权限`}
                  testId={`grant-${c.code}`}
                  fields={[
                    { kind: 'hidden', name: 'catalogId', value: c.id },
                    {
                      kind: 'checkboxes',
                      name: 'fieldKeys',
                      label: c.name,
                      options: c.fields.map((f) => {
                        const controlled = isControlled({ fieldVisibility: f.visibility }, 'shared');
                        return {
                          value: f.key,
                          label: f.label,
                          disabled: controlled,
                          hint: controlled ? '受控' : f.personal ? '个人信息（脱敏显示）' : undefined,
                        };
                      }),
                      defaultValue: grants(c.id),
                    },
                  ]}
                />
              </div>
            ))}
          </div>
        </Panel>
      )}

      {can(user, 'role.delete') && !role.builtin && (
        <ActionButton
          method="DELETE"
          url={`/api/admin/roles/${role.id}`}
          label="删除角色"
          tone="danger"
          confirm={`确定删除角色“${role.name}”？`}
          redirectTo="/admin/roles"
          testId="role-delete"
        />
      )}
    </div>
  );
}
