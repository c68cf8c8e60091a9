import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { catalogChoices, listCatalogs } from '@/lib/catalog/admin/catalogs';
import {
  CATALOG_CATEGORIES,
  CATEGORY_LABEL,
  SENSITIVITIES,
  SENSITIVITY_LABEL,
  subjectKindLabel,
} from '@/lib/catalog/admin/labels';
import { AdminForm } from '../_components/AdminForm';
import { adminPage } from '../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '信用信息目录' };

/** 信用信息目录: every catalog with its published and draft version; new catalogs start here. */
export default async function CatalogsPage() {
  const { user, ctx, allowed } = await adminPage('catalog:manage');
  if (!allowed) return <Forbidden />;
  const [catalogs, choices] = await Promise.all([listCatalogs(ctx), catalogChoices(ctx)]);
  const manage = user.permissions.has('catalog:manage');
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">信用信息目录</h1>
        <p className="mt-1 text-sm text-slate-600">
          目录定义归集数据的字段、校验规则、去重依据和公示期。已发布的版本不可修改，修改须新建版本；已入库的记录始终保留其校验所依据的版本。代码表在
          <Link href="/admin/dictionary" className="mx-1 text-blue-700 hover:underline">
            数据字典
          </Link>
          中维护。
        </p>
      </div>
      <TableCard>
        <DataTable
          testId="catalog-table"
          caption="信用信息目录列表"
          columns={['编码', '名称', '类别', '信息主体', '敏感级别', '提供部门', '版本']}
        >
          {catalogs.map((c) => (
            <tr key={c.code} data-testid="catalog-row" data-code={c.code}>
              <td className="px-4 py-2 font-mono text-xs">{c.code}</td>
              <td className="px-4 py-2">
                <Link href={`/admin/catalogs/${c.code}`} className="text-blue-700 hover:underline">
                  {c.name}
                </Link>
              </td>
              <td className="px-4 py-2">{CATEGORY_LABEL[c.category]}</td>
              <td className="px-4 py-2">{subjectKindLabel(c.subjectKind)}</td>
              <td className="px-4 py-2">{SENSITIVITY_LABEL[c.sensitivity]}</td>
              <td className="max-w-64 px-4 py-2 text-slate-600" title={c.providers.join('、')}>
                {c.providers.length} 个部门
              </td>
              <td className="space-x-1 px-4 py-2 whitespace-nowrap">
                {c.published ? <Badge tone="green">第 {c.published} 版</Badge> : <Badge tone="red">未发布</Badge>}
                {c.draft && <Badge tone="amber">草稿 第 {c.draft} 版</Badge>}
              </td>
            </tr>
          ))}
        </DataTable>
      </TableCard>
      {manage && (
        <Panel title="新建目录" titleClassName="mb-3 font-medium text-slate-900" padding="p-5">
          <AdminForm
            method="POST"
            url="/api/admin/catalogs"
            submitLabel="创建并编辑草稿"
            testId="catalog-create"
            redirectTo="/admin/catalogs/{id}/v/1"
            fields={[
              { kind: 'text', name: 'code', label: '目录编码', required: true, placeholder: 'TAX_CREDIT' },
              { kind: 'text', name: 'name', label: '目录名称', required: true },
              {
                kind: 'select',
                name: 'category',
                label: '信息类别',
                options: CATALOG_CATEGORIES.map((v) => ({ value: v, label: CATEGORY_LABEL[v] })),
              },
              {
                kind: 'select',
                name: 'subjectKind',
                label: `信息主体（空：${subjectKindLabel(null)}）`,
                nullable: true,
                options: [
                  { value: 'ORG', label: subjectKindLabel('ORG') },
                  { value: 'PERSON', label: subjectKindLabel('PERSON') },
                ],
              },
              {
                kind: 'select',
                name: 'sensitivity',
                label: '敏感级别',
                options: SENSITIVITIES.map((v) => ({ value: v, label: SENSITIVITY_LABEL[v] })),
              },
              { kind: 'text', name: 'description', label: '说明', nullable: true },
              {
                kind: 'checkboxes',
                name: 'providerDeptCodes',
                label: '数据提供部门',
                options: choices.departments.map((d) => ({ value: d.code, label: d.name })),
              },
            ]}
          />
        </Panel>
      )}
    </div>
  );
}
