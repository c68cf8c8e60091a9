import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Pagination } from '@/app/_components/Pagination';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import { first, isUuid, parsePage, type SearchParams } from '@/app/_lib/params';
import { departmentTree, flattenTree } from '@/lib/admin/departments';
import { dormantDays } from '@/lib/admin/dormancy';
import { listUsers } from '@/lib/admin/users';
import { can } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { AdminForm } from '../_components/AdminForm';
import { adminPage } from '../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '用户管理' };

/** 用户管理: search and page through accounts; create one; the dormant-account setting. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, ctx, allowed } = await adminPage('admin:users', 'admin:roles');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const q = first(sp.q)?.slice(0, 50) ?? '';
  const deptRaw = first(sp.departmentId);
  const departmentId = deptRaw && isUuid(deptRaw) ? deptRaw : undefined;
  const statusRaw = first(sp.status);
  const status = statusRaw === 'ACTIVE' || statusRaw === 'DISABLED' ? statusRaw : undefined;
  const [list, tree, days] = await Promise.all([
    listUsers(ctx, { q, departmentId, status, page: parsePage(sp.page) }),
    departmentTree(ctx),
    dormantDays(db),
  ]);
  const depts = flattenTree(tree).map((d) => ({ value: d.id, label: `${'　'.repeat(d.depth)}${d.name}` }));
  const keep = { ...(q ? { q } : {}), ...(departmentId ? { departmentId } : {}), ...(status ? { status } : {}) };

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">
        {user.permissions.has('admin:users') ? '用户管理' : '用户授权'}
      </h1>
      <form
        role="search"
        className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      >
        <input
          name="q"
          defaultValue={q}
          placeholder="用户名或姓名"
          aria-label="用户名或姓名"
          data-testid="user-search"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <select
          name="departmentId"
          defaultValue={departmentId ?? ''}
          aria-label="部门"
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="">全部部门</option>
          {depts.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
        <select
          name="status"
          defaultValue={status ?? ''}
          aria-label="状态"
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="">全部状态</option>
          <option value="ACTIVE">正常</option>
          <option value="DISABLED">已停用</option>
        </select>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          查询
        </button>
      </form>

      <TableCard>
        <DataTable
          testId="user-table"
          caption="用户列表"
          columns={['用户名', '姓名', '部门', '角色', '状态', '最近登录']}
        >
          {list.rows.map((u) => (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <td className="px-4 py-2">
                <Link href={`/admin/users/${u.id}`} className="font-medium text-blue-700 hover:underline">
                  {u.username}
                </Link>
              </td>
              <td className="px-4 py-2">{u.displayName}</td>
              <td className="px-4 py-2 text-slate-600">{u.department.name}</td>
              <td className="px-4 py-2 text-slate-600">{u.roles.map((r) => r.name).join('、') || '—'}</td>
              <td className="px-4 py-2">
                {u.status === 'ACTIVE' ? <Badge tone="green">正常</Badge> : <Badge tone="slate">已停用</Badge>}
              </td>
              <td className="px-4 py-2 text-slate-600 tabular-nums">{formatDateTime(u.lastLoginAt)}</td>
            </tr>
          ))}
        </DataTable>
      </TableCard>
      <Pagination page={list.page} pages={list.pages} total={list.total} basePath="/admin/users" params={keep} />

      <div className="grid gap-4 lg:grid-cols-2">
        {can(user, 'user.create') && (
          <Panel title="新建用户">
            <p className="mt-1 text-xs text-slate-500">新用户首次登录时须修改初始密码；角色由安全管理员分配。</p>
            <div className="mt-3">
              <AdminForm
                method="POST"
                url="/api/admin/users"
                submitLabel="新建"
                testId="user-create"
                redirectTo="/admin/users/{id}"
                fields={[
                  { kind: 'text', name: 'username', label: '用户名', required: true },
                  { kind: 'text', name: 'displayName', label: '姓名', required: true },
                  { kind: 'select', name: 'departmentId', label: '部门', options: depts },
                  {
                    kind: 'password',
                    name: 'initialPassword',
                    label: '初始密码',
                    required: true,
                    hint: '至少12位，含大写字母、小写字母、数字、特殊字符中的三类',
                  },
                ]}
              />
            </div>
          </Panel>
        )}
        {can(user, 'settings.edit') && (
          <Panel title="账号安全设置">
            <div className="mt-3">
              <AdminForm
                method="PUT"
                url="/api/admin/settings/dormancy"
                submitLabel="保存"
                testId="dormancy"
                inline
                fields={[
                  {
                    kind: 'number',
                    name: 'days',
                    label: '长期未登录自动停用（天）',
                    defaultValue: days,
                    required: true,
                  },
                ]}
              />
            </div>
            <p className="mt-2 text-xs text-slate-500">每天 02:30 自动停用超过此天数未登录的账号，并结束其会话。</p>
          </Panel>
        )}
      </div>
    </div>
  );
}
