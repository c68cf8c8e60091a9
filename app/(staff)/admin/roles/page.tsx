import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { departmentTree } from '@/lib/admin/departments';
import { listRoles } from '@/lib/admin/roles';
import { can } from '@/lib/auth/load-user';
import { AdminForm } from '../_components/AdminForm';
import { adminPage, SCOPE_LABEL } from '../_lib/admin-page';
import { roleFields } from '../_lib/role-fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '角色与权限' };

/** 角色与权限: the roles with their scope and permissions; a new role. */
export default async function RolesPage() {
  const { user, ctx, allowed } = await adminPage('admin:roles');
  if (!allowed) return <Forbidden />;
  const [roles, tree] = await Promise.all([listRoles(ctx), departmentTree(ctx)]);

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">角色与权限</h1>
      <TableCard>
        <DataTable testId="role-table" caption="角色列表" columns={['角色', '编码', '数据范围', '功能权限', '用户数']}>
          {roles.map((r) => (
            <tr key={r.id} data-testid="role-row" data-code={r.code}>
              <td className="px-4 py-2">
                <Link href={`/admin/roles/${r.id}`} className="font-medium text-blue-700 hover:underline">
                  {r.name}
                </Link>
                {r.builtin && (
                  <span className="ml-2">
                    <Badge>内置</Badge>
                  </span>
                )}
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-600">{r.code}</td>
              <td className="px-4 py-2 text-slate-600">{SCOPE_LABEL[r.dataScope]}</td>
              <td className="max-w-md px-4 py-2 text-xs text-slate-600">{r.permissions.join('、') || '—'}</td>
              <td className="px-4 py-2 tabular-nums">{r.userCount}</td>
            </tr>
          ))}
        </DataTable>
      </TableCard>
      {can(user, 'role.create') && (
        <Panel title="新建角色">
          <div className="mt-3">
            <AdminForm
              method="POST"
              url="/api/admin/roles"
              submitLabel="新建"
              testId="role-create"
              redirectTo="/admin/roles/{id}"
              fields={[
                { kind: 'text', name: 'code', label: '角色编码', required: true, placeholder: '如 SHARED_VIEWER' },
                ...roleFields(tree),
              ]}
            />
          </div>
        </Panel>
      )}
    </div>
  );
}
