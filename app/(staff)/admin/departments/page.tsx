import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { first, isUuid, type SearchParams } from '@/app/_lib/params';
import { departmentTree, flattenTree, type DepartmentNode } from '@/lib/admin/departments';
import { can } from '@/lib/auth/load-user';
import { ActionButton } from '../_components/ActionButton';
import { AdminForm, type FieldSpec } from '../_components/AdminForm';
import { adminPage, DEPT_KIND_LABEL } from '../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '部门管理' };

const KIND_OPTIONS = Object.entries(DEPT_KIND_LABEL).map(([value, label]) => ({ value, label }));

/** 部门管理: the tree with search; the selected department's edit, move, delete and a new sub-department. */
export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, ctx, allowed } = await adminPage('admin:departments');
  if (!allowed) return <Forbidden />;
  const sp = await searchParams;
  const q = first(sp.q)?.slice(0, 50) ?? '';
  const selectedId = first(sp.id);
  const [tree, all] = await Promise.all([departmentTree(ctx, q), departmentTree(ctx)]);
  const flat = flattenTree(all);
  const selected = selectedId && isUuid(selectedId) ? find(all, selectedId) : undefined;
  const parentOptions = flat.map((d) => ({ value: d.id, label: `${'　'.repeat(d.depth)}${d.name}` }));

  const createFields: FieldSpec[] = [
    {
      kind: 'select',
      name: 'parentId',
      label: '上级部门',
      options: parentOptions,
      defaultValue: selected?.id ?? null,
      nullable: true,
    },
    { kind: 'text', name: 'code', label: '部门编码', required: true, placeholder: '如 SCJGJ_XC' },
    { kind: 'text', name: 'name', label: '部门名称', required: true },
    { kind: 'select', name: 'kind', label: '类型', options: KIND_OPTIONS, defaultValue: 'DEPARTMENT' },
    { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: 0 },
  ];

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">部门管理</h1>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <Panel label="部门树">
          <form className="flex gap-2" role="search">
            <input
              name="q"
              defaultValue={q}
              placeholder="按名称或编码搜索"
              aria-label="搜索部门"
              data-testid="dept-search"
              className="flex-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
            />
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
              搜索
            </button>
          </form>
          {tree.length === 0 ? (
            <p className="mt-4 text-sm text-slate-500" data-testid="dept-empty">
              没有匹配的部门。
            </p>
          ) : (
            <Tree nodes={tree} selectedId={selected?.id} q={q} />
          )}
        </Panel>

        <div className="space-y-4">
          {selected && (
            <Panel testId="dept-detail">
              <h2 className="font-medium text-slate-900">
                {selected.name}
                <span className="ml-2 text-sm font-normal text-slate-500">
                  {selected.code} · {DEPT_KIND_LABEL[selected.kind]} · 用户 {selected.userCount} 名
                </span>
              </h2>
              {can(user, 'department.edit') && (
                <div className="mt-3">
                  <AdminForm
                    method="PATCH"
                    url={`/api/admin/departments/${selected.id}`}
                    submitLabel="保存"
                    testId="dept-edit"
                    fields={[
                      { kind: 'text', name: 'code', label: '部门编码', defaultValue: selected.code, required: true },
                      { kind: 'text', name: 'name', label: '部门名称', defaultValue: selected.name, required: true },
                      {
                        kind: 'select',
                        name: 'kind',
                        label: '类型',
                        options: KIND_OPTIONS,
                        defaultValue: selected.kind,
                      },
                      { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: selected.sortOrder },
                    ]}
                  />
                </div>
              )}
              {can(user, 'department.move') && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <AdminForm
                    method="POST"
                    url={`/api/admin/departments/${selected.id}/move`}
                    submitLabel="移动"
                    testId="dept-move"
                    inline
                    fields={[
                      {
                        kind: 'select',
                        name: 'parentId',
                        label: '移动到',
                        options: parentOptions.filter((o) => o.value !== selected.id),
                        defaultValue: selected.parentId,
                        nullable: true,
                      },
                    ]}
                  />
                </div>
              )}
              {can(user, 'department.delete') && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <ActionButton
                    method="DELETE"
                    url={`/api/admin/departments/${selected.id}`}
                    label="删除部门"
                    tone="danger"
                    confirm={`确定删除“${selected.name}”？`}
                    redirectTo="/admin/departments"
                    testId="dept-delete"
                  />
                  <p className="mt-1 text-xs text-slate-500">有下级部门、用户或业务数据的部门不能删除。</p>
                </div>
              )}
            </Panel>
          )}
          {can(user, 'department.create') && (
            <Panel title="新建部门">
              <div className="mt-3">
                <AdminForm
                  method="POST"
                  url="/api/admin/departments"
                  submitLabel="新建"
                  testId="dept-create"
                  fields={createFields}
                  redirectTo="/admin/departments?id={id}"
                />
              </div>
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

function Tree({ nodes, selectedId, q }: { nodes: DepartmentNode[]; selectedId?: string; q: string }) {
  return (
    <ul className="mt-2 space-y-0.5 text-sm">
      {nodes.map((n) => (
        <li key={n.id} data-testid="dept-node" data-code={n.code}>
          <Link
            aria-current={n.id === selectedId ? 'true' : undefined}
            href={`/admin/departments?${new URLSearchParams({ ...(q ? { q } : {}), id: n.id })}`}
            className={`inline-block rounded px-2 py-1 ${
              n.id === selectedId ? 'bg-blue-50 font-medium text-blue-800' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            {n.name}
            <span className="ml-1 text-xs text-slate-400">{n.userCount ? `${n.userCount}人` : ''}</span>
          </Link>
          {n.children.length > 0 && (
            <div className="ml-4 border-l border-slate-200 pl-2">
              <Tree nodes={n.children} selectedId={selectedId} q={q} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function find(nodes: DepartmentNode[], id: string): DepartmentNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const hit = find(n.children, id);
    if (hit) return hit;
  }
  return undefined;
}
