import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable } from '@/app/_components/DataTable';
import { Forbidden } from '@/app/_components/Forbidden';
import { Panel } from '@/app/_components/Panel';
import { formatDateTime } from '@/app/_lib/format';
import { decodeParam } from '@/app/_lib/params';
import { getCodeTable } from '@/lib/admin/dictionary';
import { can } from '@/lib/auth/load-user';
import { AdminForm } from '../../_components/AdminForm';
import { adminPage } from '../../_lib/admin-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: '字典项' };

type State = { label?: string; sortOrder?: number; enabled?: boolean } | null;

/** One code table: edit items (label, order, on/off), add items, and every change kept in the history. */
export default async function CodeTablePage({ params }: { params: Promise<{ code: string }> }) {
  const { user, ctx, allowed } = await adminPage('admin:dictionary');
  if (!allowed) return <Forbidden />;
  const code = decodeParam((await params).code);
  const table = await getCodeTable(ctx, code).catch(() => null);
  if (!table) notFound();
  const editable = can(user, 'dictionary.edit');
  const base = `/api/admin/dictionary/${encodeURIComponent(table.code)}/items`;

  return (
    <div className="space-y-4">
      <Link href="/admin/dictionary" className="text-sm text-blue-700 hover:underline">
        ← 返回数据字典
      </Link>
      <h1 className="text-xl font-semibold text-slate-900">
        {table.name}
        <span className="ml-2 font-mono text-sm font-normal text-slate-500">{table.code}</span>
      </h1>
      <Panel>
        <ul className="divide-y divide-slate-100" data-testid="code-items">
          {table.items.map((item) => (
            <li
              key={item.code}
              className="py-2"
              data-testid="code-item"
              data-code={item.code}
              data-enabled={item.enabled}
            >
              {editable ? (
                <AdminForm
                  method="PATCH"
                  url={`${base}/${encodeURIComponent(item.code)}`}
                  submitLabel="保存"
                  testId={`item-${item.code}`}
                  inline
                  fields={[
                    {
                      kind: 'text',
                      name: 'label',
                      label: `${item.code} 名称`,
                      defaultValue: item.label,
                      required: true,
                    },
                    { kind: 'number', name: 'sortOrder', label: '排序', defaultValue: item.sortOrder },
                    { kind: 'checkbox', name: 'enabled', label: '启用', defaultValue: item.enabled },
                  ]}
                />
              ) : (
                <span className="text-sm">
                  {item.code} {item.label} {item.enabled ? '' : '（已停用）'}
                </span>
              )}
            </li>
          ))}
        </ul>
      </Panel>
      {editable && (
        <Panel title="新增字典项">
          <div className="mt-3">
            <AdminForm
              method="POST"
              url={base}
              submitLabel="新增"
              testId="item-create"
              inline
              resetOnSuccess
              fields={[
                { kind: 'text', name: 'code', label: '编码', required: true },
                { kind: 'text', name: 'label', label: '名称', required: true },
              ]}
            />
          </div>
        </Panel>
      )}
      <Panel title="修改历史">
        {table.history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">暂无修改。</p>
        ) : (
          <DataTable
            testId="code-history"
            columns={['时间', '编码', '版本', '操作', '修改前', '修改后', '修改人']}
            compact
            plain
            className="mt-2"
          >
            {table.history.map((h) => (
              <tr key={String(h.id)} data-testid="code-history-row" data-code={h.code}>
                <td className="px-3 py-2 tabular-nums text-slate-600">{formatDateTime(h.changedAt)}</td>
                <td className="px-3 py-2 font-mono text-xs">{h.code}</td>
                <td className="px-3 py-2 tabular-nums">{h.revision}</td>
                <td className="px-3 py-2">{h.action === 'CREATE' ? '新增' : '修改'}</td>
                <td className="px-3 py-2 text-slate-600">{describe(h.before as State)}</td>
                <td className="px-3 py-2">{describe(h.after as State)}</td>
                <td className="px-3 py-2 text-slate-600">{h.changedByName ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Panel>
    </div>
  );
}

function describe(s: State): string {
  if (!s) return '—';
  return `${s.label ?? ''}（排序 ${s.sortOrder ?? '—'}，${s.enabled ? '启用' : '停用'}）`;
}
