import type { Metadata } from 'next';
import { DataTable } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { menuAdminData } from '@/lib/admin/menus';
import { can } from '@/lib/auth/load-user';
import { operationDef } from '@/lib/auth/permissions';
import { ActionButton } from '../_components/ActionButton';
import { AdminForm } from '../_components/AdminForm';
import { adminPage } from '../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '菜单与按钮' };

type MenuRow = Awaited<ReturnType<typeof menuAdminData>>['menus'][number];

/** 菜单与按钮: the menu tree (label, link, permission, order, on/off, parent) and the operation buttons. */
export default async function MenusPage() {
  const { user, ctx, allowed } = await adminPage('admin:menus');
  if (!allowed) return <Forbidden />;
  const { menus, operations, permissions } = await menuAdminData(ctx);
  const editable = can(user, 'menu.edit');
  const ordered = walk(menus, null, 0);
  const parentOptions = menus.filter((m) => !m.href).map((m) => ({ value: m.id, label: m.label }));
  const permissionOptions = permissions.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }));
  const menuLabel = new Map(menus.map((m) => [m.id, m.label]));

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">菜单与按钮</h1>
      <Panel title="菜单">
        <p className="mt-1 text-xs text-slate-500">
          菜单只决定导航中显示什么；页面本身仍按功能权限校验。停用的菜单连同下级一并隐藏。
        </p>
        <ul className="mt-3 divide-y divide-slate-100" data-testid="menu-list">
          {ordered.map(({ menu, depth }) => (
            <li
              key={menu.id}
              className="py-3"
              style={{ paddingLeft: `${depth * 1.5}rem` }}
              data-testid="menu-row"
              data-code={menu.code}
            >
              <div className="mb-1 text-sm font-medium text-slate-800">
                {menu.label}
                <span className="ml-2 font-mono text-xs text-slate-400">{menu.code}</span>
                {!menu.enabled && <span className="ml-2 text-xs text-amber-700">已停用</span>}
              </div>
              {editable && (
                <AdminForm
                  method="PATCH"
                  url={`/api/admin/menus/${menu.id}`}
                  submitLabel="保存"
                  testId={`menu-${menu.code}`}
                  inline
                  fields={[
                    { kind: 'text', name: 'label', label: '名称', defaultValue: menu.label, required: true },
                    ...(menu.href !== null
                      ? [
                          {
                            kind: 'text' as const,
                            name: 'href',
                            label: '链接',
                            defaultValue: menu.href,
                            required: true,
                          },
                        ]
                      : []),
                    {
                      kind: 'select',
                      name: 'parentId',
                      label: '上级',
                      options: parentOptions.filter((o) => o.value !== menu.id),
                      defaultValue: menu.parentId,
                      nullable: true,
                    },
                    {
                      kind: 'select',
                      name: 'permissionCode',
                      label: '所需权限',
                      options: permissionOptions,
                      defaultValue: menu.permissionCode,
                      nullable: true,
                    },
                    { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: menu.sortOrder },
                    { kind: 'checkbox', name: 'enabled', label: '启用', defaultValue: menu.enabled },
                  ]}
                />
              )}
              {editable && !menu.builtin && (
                <div className="mt-2">
                  <ActionButton
                    method="DELETE"
                    url={`/api/admin/menus/${menu.id}`}
                    label="删除"
                    tone="danger"
                    confirm={`确定删除菜单“${menu.label}”？`}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      </Panel>

      {editable && (
        <Panel title="新增菜单">
          <p className="mt-1 text-xs text-slate-500">不填链接即为分组（仅在其下有可见菜单时显示）。</p>
          <div className="mt-3">
            <AdminForm
              method="POST"
              url="/api/admin/menus"
              submitLabel="新增"
              testId="menu-create"
              resetOnSuccess
              fields={[
                { kind: 'text', name: 'code', label: '编码', required: true },
                { kind: 'text', name: 'label', label: '名称', required: true },
                { kind: 'text', name: 'href', label: '链接（站内路径）', nullable: true, placeholder: '/records' },
                { kind: 'select', name: 'parentId', label: '上级', options: parentOptions, nullable: true },
                {
                  kind: 'select',
                  name: 'permissionCode',
                  label: '所需权限',
                  options: permissionOptions,
                  nullable: true,
                },
                { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: 100 },
              ]}
            />
          </div>
        </Panel>
      )}

      <Panel title="操作按钮">
        <p className="mt-1 text-xs text-slate-500">停用的按钮对所有人隐藏，对应操作也会被服务器拒绝。</p>
        <DataTable
          testId="operation-table"
          columns={['按钮', '编码', '所在菜单', '所需权限', '状态', '']}
          compact
          plain
          className="mt-3"
        >
          {operations.map((o) => {
            const locked = !!operationDef(o.code) && 'locked' in operationDef(o.code)!;
            return (
              <tr key={o.code} data-testid="operation-row" data-code={o.code} data-enabled={o.enabled}>
                <td className="px-3 py-2">{o.label}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-500">{o.code}</td>
                <td className="px-3 py-2 text-slate-600">{o.menuId ? menuLabel.get(o.menuId) : '—'}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-500">{o.permissionCode}</td>
                <td className="px-3 py-2">{o.enabled ? '启用' : <span className="text-amber-700">已停用</span>}</td>
                <td className="px-3 py-2">
                  {editable && !locked && (
                    <ActionButton
                      method="PATCH"
                      url={`/api/admin/operations/${o.code}`}
                      body={{ enabled: !o.enabled }}
                      label={o.enabled ? '停用' : '启用'}
                      tone={o.enabled ? 'danger' : 'default'}
                      testId={`operation-toggle-${o.code}`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </Panel>
    </div>
  );
}

function walk(menus: MenuRow[], parentId: string | null, depth: number): { menu: MenuRow; depth: number }[] {
  return menus
    .filter((m) => m.parentId === parentId)
    .flatMap((menu) => [{ menu, depth }, ...walk(menus, menu.id, depth + 1)]);
}
