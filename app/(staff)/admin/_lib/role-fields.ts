// The fields of the role form, shared by the create and the edit page.
import type { DepartmentNode } from '@/lib/admin/departments';
import { flattenTree } from '@/lib/admin/departments';
import { PERMISSIONS } from '@/lib/auth/permissions';
import { dutyOf, DUTY_LABEL } from '@/lib/auth/separation';
import type { FieldSpec } from '../_components/AdminForm';
import { SCOPE_LABEL } from './admin-page';

export function roleFields(
  tree: DepartmentNode[],
  role?: { name: string; description: string | null; dataScope: string; permissions: string[]; shared: string[] },
): FieldSpec[] {
  return [
    { kind: 'text', name: 'name', label: '角色名称', required: true, defaultValue: role?.name },
    { kind: 'text', name: 'description', label: '说明', defaultValue: role?.description, nullable: true },
    {
      kind: 'select',
      name: 'dataScope',
      label: '数据范围',
      options: Object.entries(SCOPE_LABEL).map(([value, label]) => ({ value, label })),
      defaultValue: role?.dataScope ?? 'OWN',
    },
    {
      kind: 'checkboxes',
      name: 'sharedDepartmentIds',
      label: '共享部门',
      hint: '仅在数据范围为“本部门及共享部门”时生效；共享部门的信用记录只显示下方“列权限”中授权的字段。',
      options: flattenTree(tree).map((d) => ({ value: d.id, label: `${'　'.repeat(d.depth)}${d.name}` })),
      defaultValue: role?.shared ?? [],
    },
    {
      kind: 'checkboxes',
      name: 'permissions',
      label: '功能权限',
      hint: '三权分立：系统管理、安全管理（授权）、审计管理三类权限不能放在同一角色中。',
      options: PERMISSIONS.map((p) => {
        const duty = dutyOf(p.code);
        return { value: p.code, label: p.name, hint: duty ? `${p.code} · ${DUTY_LABEL[duty]}` : p.code };
      }),
      defaultValue: role?.permissions ?? [],
    },
  ];
}
