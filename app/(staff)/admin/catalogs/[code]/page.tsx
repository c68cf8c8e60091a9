import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, type Tone } from '@/app/_components/Badge';
import { DataTable } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import { catalogChoices, getCatalog } from '@/lib/catalog/admin/catalogs';
import {
  CATALOG_CATEGORIES,
  CATEGORY_LABEL,
  SENSITIVITIES,
  SENSITIVITY_LABEL,
  subjectKindLabel,
  VERSION_STATUS_LABEL,
} from '@/lib/catalog/admin/labels';
import { NotFoundError } from '@/lib/errors';
import { ActionButton } from '../../_components/ActionButton';
import { AdminForm } from '../../_components/AdminForm';
import { adminPage } from '../../_lib/admin-page';
import { NewVersionButton } from './NewVersionButton';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '目录详情' };

const STATUS_TONE: Record<string, Tone> = { DRAFT: 'amber', PUBLISHED: 'green', RETIRED: 'slate' };

/** One catalog: what it is and who provides it (changed in place), and its versions. */
export default async function CatalogPage({ params }: { params: Promise<{ code: string }> }) {
  const { user, ctx, allowed } = await adminPage('catalog:manage');
  if (!allowed) return <Forbidden />;
  const { code } = await params;
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(code)) notFound();
  const [catalog, choices] = await Promise.all([
    getCatalog(ctx, code).catch((e: unknown) => {
      if (e instanceof NotFoundError) notFound();
      throw e;
    }),
    catalogChoices(ctx),
  ]);
  const manage = user.permissions.has('catalog:manage');
  const hasDraft = catalog.versions.some((v) => v.status === 'DRAFT');
  const base = `/api/admin/catalogs/${code}/versions`;

  return (
    <div className="space-y-5">
      <Link href="/admin/catalogs" className="text-sm text-blue-700 hover:underline">
        ← 返回目录列表
      </Link>
      <h1 className="text-xl font-semibold text-slate-900">
        {catalog.name}
        <span className="ml-2 font-mono text-sm font-normal text-slate-500">{catalog.code}</span>
      </h1>

      <Panel padding="p-5">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-medium text-slate-900">版本</h2>
          {manage && !hasDraft && <NewVersionButton code={code} />}
        </div>
        <DataTable
          testId="version-table"
          columns={['版本', '状态', '字段', '批次', '记录', '发布时间', '说明', '操作']}
          pad="py-2 pr-4"
          plain
        >
          {catalog.versions.map((v) => (
            <tr key={v.id} data-testid="version-row" data-version={v.version} data-status={v.status}>
              <td className="py-2 pr-4">
                <Link href={`/admin/catalogs/${code}/v/${v.version}`} className="text-blue-700 hover:underline">
                  第 {v.version} 版
                </Link>
              </td>
              <td className="py-2 pr-4">
                <Badge tone={STATUS_TONE[v.status]}>{VERSION_STATUS_LABEL[v.status]}</Badge>
              </td>
              <td className="py-2 pr-4 tabular-nums">{v._count.fields}</td>
              <td className="py-2 pr-4 tabular-nums">{v._count.batches}</td>
              <td className="py-2 pr-4 tabular-nums">{v._count.records}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(v.publishedAt)}</td>
              <td className="max-w-64 py-2 pr-4 text-slate-600">{v.changeNote ?? '—'}</td>
              <td className="space-x-2 py-2 pr-4 whitespace-nowrap">
                {manage && v.status === 'DRAFT' && (
                  <ActionButton
                    method="DELETE"
                    url={`${base}/${v.version}`}
                    label="删除草稿"
                    tone="danger"
                    confirm={`删除第 ${v.version} 版草稿？`}
                    testId={`version-delete-${v.version}`}
                  />
                )}
                {manage && v.status === 'PUBLISHED' && (
                  <ActionButton
                    method="POST"
                    url={`${base}/${v.version}/retire`}
                    label="停用"
                    tone="danger"
                    confirm={`停用第 ${v.version} 版后，本目录不能再接收新数据，直到发布新版本。继续？`}
                    testId={`version-retire-${v.version}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </Panel>

      {manage && (
        <Panel title="目录信息" titleClassName="mb-1 font-medium text-slate-900" padding="p-5">
          <p className="mb-3 text-xs text-slate-500">名称、类别、主体、敏感级别和提供部门不分版本，修改立即生效。</p>
          <AdminForm
            method="PATCH"
            url={`/api/admin/catalogs/${code}`}
            submitLabel="保存"
            testId="catalog-meta"
            fields={[
              { kind: 'text', name: 'name', label: '目录名称', defaultValue: catalog.name, required: true },
              {
                kind: 'select',
                name: 'category',
                label: '信息类别',
                defaultValue: catalog.category,
                options: CATALOG_CATEGORIES.map((v) => ({ value: v, label: CATEGORY_LABEL[v] })),
              },
              {
                kind: 'select',
                name: 'subjectKind',
                label: `信息主体（空：${subjectKindLabel(null)}）`,
                nullable: true,
                defaultValue: catalog.subjectKind,
                options: [
                  { value: 'ORG', label: subjectKindLabel('ORG') },
                  { value: 'PERSON', label: subjectKindLabel('PERSON') },
                ],
              },
              {
                kind: 'select',
                name: 'sensitivity',
                label: '敏感级别',
                defaultValue: catalog.sensitivity,
                options: SENSITIVITIES.map((v) => ({ value: v, label: SENSITIVITY_LABEL[v] })),
              },
              { kind: 'text', name: 'description', label: '说明', defaultValue: catalog.description, nullable: true },
              {
                kind: 'checkboxes',
                name: 'providerDeptCodes',
                label: '数据提供部门',
                defaultValue: catalog.providers.map((p) => p.department.code),
                options: choices.departments.map((d) => ({ value: d.code, label: d.name })),
              },
            ]}
          />
        </Panel>
      )}
    </div>
  );
}
