// 数据交换平台: nodes, sources and flows on the 数据交换 page — configure, test the connection,
// preview, enable, run now, and each run's history with its batches. A failed or stopped run shows in red.
import Link from 'next/link';
import { Badge, type Tone } from '@/app/_components/Badge';
import { DataTable, TableCard } from '@/app/_components/DataTable';
import { Panel } from '@/app/_components/Panel';
import { formatCount, formatDateTime } from '@/app/_lib/format';
import type { exchangeFlowsOverview } from '@/lib/exchange/flows-overview';
import { SOURCE_KIND_LABEL } from '@/lib/exchange/sources/registry';
import { ActionButton } from '../_components/ActionButton';
import { AdminForm } from '../_components/AdminForm';

type Overview = Awaited<ReturnType<typeof exchangeFlowsOverview>>;

const RUN: Record<string, { label: string; tone: Tone }> = {
  RUNNING: { label: '运行中', tone: 'blue' },
  SUCCEEDED: { label: '成功', tone: 'green' },
  FAILED: { label: '失败', tone: 'red' },
  STOPPED: { label: '已停止', tone: 'red' },
};
const NODE_KIND: Record<string, string> = {
  DEPARTMENT_FRONT_END: '部门前置机',
  CITY_PLATFORM: '市级平台',
  OTHER: '其他',
};
const DIRECTION: Record<string, string> = { IN: '接收', OUT: '发送', TWO_WAY: '双向' };

function lag(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  return minutes < 60
    ? `${minutes} 分钟`
    : minutes < 2880
      ? `${Math.round(minutes / 60)} 小时`
      : `${Math.round(minutes / 1440)} 天`;
}

export function ExchangeFlows({ data }: { data: Overview }) {
  const cell = 'px-4 py-2';
  return (
    <div className="space-y-5">
      <TableCard as="section">
        <h2 className="px-5 pt-4 font-medium text-slate-900">交换流程</h2>
        <DataTable
          testId="exchange-flows"
          className="mt-2"
          columns={['流程', '来源 → 目录', '状态', '上次运行', '下次运行', '已交换行数', '延迟', '操作']}
        >
          {data.flows.map((f) => (
            <tr
              key={f.id}
              data-testid="exchange-flow"
              data-failing={f.failing}
              className={f.failing ? 'bg-red-50' : ''}
            >
              <td className={cell}>
                <div className="font-medium text-slate-900">{f.name}</div>
                <div className="text-xs text-slate-500">{DIRECTION[f.direction]}</div>
              </td>
              <td className={cell}>
                {f.sourceName}（{SOURCE_KIND_LABEL[f.sourceKind]}）→{' '}
                <span className="font-mono text-xs">{f.catalogCode}</span>
              </td>
              <td className={cell}>
                <Badge tone={f.enabled ? 'green' : 'slate'}>{f.enabled ? '已启用' : '未启用'}</Badge>{' '}
                {!f.previewed && <Badge tone="amber">待预览</Badge>}
                {f.stoppedReason && <p className="mt-1 max-w-72 text-xs text-red-700">{f.stoppedReason}</p>}
              </td>
              <td className={cell}>
                {f.last ? (
                  <>
                    <Badge tone={RUN[f.last.status]?.tone ?? 'slate'}>{RUN[f.last.status]?.label}</Badge>
                    <div className="text-xs text-slate-500">{formatDateTime(f.last.startedAt)}</div>
                    {f.last.error && <p className="max-w-72 text-xs text-red-700">{f.last.error}</p>}
                  </>
                ) : (
                  '尚未运行'
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(f.next)}</td>
              <td className={cell}>{formatCount(f.rowsMoved)}</td>
              <td className={cell}>{lag(f.lagMs)}</td>
              <td className={`${cell} space-y-1`}>
                <ActionButton method="POST" url={`/api/admin/exchange/flows/${f.id}/run`} label="立即运行" />
                {f.failing && (
                  <ActionButton
                    method="POST"
                    url={`/api/admin/exchange/flows/${f.id}/run`}
                    body={{ retry: true }}
                    label="重试"
                  />
                )}
                <ActionButton
                  method="POST"
                  url={`/api/admin/exchange/flows/${f.id}/preview`}
                  body={{ limit: 20 }}
                  label="预览"
                />
                <ActionButton
                  method="PUT"
                  url={`/api/admin/exchange/flows/${f.id}/enabled`}
                  body={{ enabled: !f.enabled }}
                  label={f.enabled ? '停用' : '启用'}
                />
              </td>
            </tr>
          ))}
          {data.flows.length === 0 && (
            <tr>
              <td colSpan={8} className="px-4 py-6 text-center text-slate-500">
                尚未配置交换流程。
              </td>
            </tr>
          )}
        </DataTable>
      </TableCard>

      <TableCard as="section">
        <h2 className="px-5 pt-4 font-medium text-slate-900">运行记录</h2>
        <DataTable
          testId="exchange-runs"
          className="mt-2"
          columns={['开始', '流程', '结果', '读取 / 导入行数', '游标', '批次 / 原因']}
        >
          {data.runs.map((r) => (
            <tr
              key={r.id}
              data-testid="exchange-run"
              data-status={r.status}
              className={r.status === 'FAILED' || r.status === 'STOPPED' ? 'bg-red-50' : ''}
            >
              <td className={`${cell} whitespace-nowrap`}>{formatDateTime(r.startedAt)}</td>
              <td className={cell}>{r.flowName}</td>
              <td className={cell}>
                <Badge tone={RUN[r.status]?.tone ?? 'slate'}>{RUN[r.status]?.label}</Badge>
              </td>
              <td className={cell}>
                {formatCount(r.rowsRead)} / {formatCount(r.rowsImported)}
              </td>
              <td className={`${cell} font-mono text-xs`}>{r.cursorAfter ?? '—'}</td>
              <td className={cell}>
                {r.batches.map((b) => (
                  <Link key={b.id} href={`/batches/${b.id}`} className="mr-2 text-blue-700 hover:underline">
                    {b.number}
                  </Link>
                ))}
                {r.error && <span className="text-red-700">{r.error}</span>}
              </td>
            </tr>
          ))}
          {data.runs.length === 0 && (
            <tr>
              <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
                尚无运行记录。
              </td>
            </tr>
          )}
        </DataTable>
      </TableCard>

      <TableCard as="section">
        <h2 className="px-5 pt-4 font-medium text-slate-900">交换节点与来源</h2>
        <DataTable
          testId="exchange-nodes"
          className="mt-2"
          columns={['节点', '类型', '地址', '部门', '凭据', '健康检查', '来源']}
        >
          {data.nodes.map((n) => (
            <tr key={n.id} data-testid="exchange-node">
              <td className={cell}>{n.name}</td>
              <td className={cell}>{NODE_KIND[n.kind]}</td>
              <td className={`${cell} max-w-64 truncate font-mono text-xs`} title={n.endpoint}>
                {n.endpoint}
              </td>
              <td className={cell}>{n.department ?? '—'}</td>
              <td className={cell}>{n.credentials}</td>
              <td className={cell}>
                {n.healthOk === null ? (
                  '未检查'
                ) : (
                  <Badge tone={n.healthOk ? 'green' : 'red'}>{n.healthOk ? '正常' : '异常'}</Badge>
                )}
                {n.healthMessage && <p className="max-w-64 text-xs text-slate-600">{n.healthMessage}</p>}
              </td>
              <td className={`${cell} space-y-1`}>
                {data.sources
                  .filter((s) => s.nodeName === n.name)
                  .map((s) => (
                    <div key={s.id} className="flex items-center gap-2">
                      <span>
                        {s.name}（{SOURCE_KIND_LABEL[s.kind]}）
                      </span>
                      <ActionButton method="POST" url={`/api/admin/exchange/sources/${s.id}/test`} label="测试连接" />
                    </div>
                  ))}
              </td>
            </tr>
          ))}
        </DataTable>
      </TableCard>

      <div className="grid gap-5 lg:grid-cols-3">
        <Panel title="登记节点" titleClassName="mb-3 font-medium text-slate-900" padding="p-5">
          <AdminForm
            method="POST"
            url="/api/admin/exchange/nodes"
            submitLabel="保存节点"
            testId="exchange-node-form"
            resetOnSuccess
            fields={[
              { kind: 'text', name: 'name', label: '名称', required: true },
              {
                kind: 'select',
                name: 'kind',
                label: '类型',
                options: Object.entries(NODE_KIND).map(([value, label]) => ({ value, label })),
              },
              {
                kind: 'text',
                name: 'endpoint',
                label: '地址',
                required: true,
                placeholder: 'postgresql://主机:5432/库名',
              },
              { kind: 'text', name: 'departmentCode', label: '所属部门编码', nullable: true },
              { kind: 'text', name: 'username', label: '用户名' },
              { kind: 'password', name: 'password', label: '密码', hint: '加密保存，不会显示；留空则不修改' },
            ]}
          />
        </Panel>
        <Panel title="添加来源" titleClassName="mb-3 font-medium text-slate-900" padding="p-5">
          <AdminForm
            method="POST"
            url="/api/admin/exchange/sources"
            submitLabel="保存来源"
            testId="exchange-source-form"
            resetOnSuccess
            fields={[
              {
                kind: 'select',
                name: 'nodeId',
                label: '节点',
                options: data.nodes.map((n) => ({ value: n.id, label: n.name })),
              },
              { kind: 'text', name: 'name', label: '名称', required: true },
              {
                kind: 'select',
                name: 'kind',
                label: '类型',
                options: Object.entries(SOURCE_KIND_LABEL).map(([value, label]) => ({ value, label })),
              },
              { kind: 'text', name: 'query', label: '查询语句（前置数据库）', placeholder: 'SELECT * FROM 表 ' },
              { kind: 'text', name: 'watermarkColumn', label: '水位列（前置数据库）', placeholder: 'updated_at' },
              { kind: 'text', name: 'configJson', label: '其他类型的配置（JSON）' },
            ]}
          />
        </Panel>
        <Panel title="添加流程" titleClassName="mb-3 font-medium text-slate-900" padding="p-5">
          <AdminForm
            method="POST"
            url="/api/admin/exchange/flows"
            submitLabel="保存流程"
            testId="exchange-flow-form"
            resetOnSuccess
            fields={[
              { kind: 'text', name: 'name', label: '名称', required: true },
              {
                kind: 'select',
                name: 'sourceId',
                label: '来源',
                options: data.sources.map((s) => ({ value: s.id, label: `${s.nodeName} / ${s.name}` })),
              },
              { kind: 'text', name: 'catalogCode', label: '目录编码', required: true },
              {
                kind: 'select',
                name: 'direction',
                label: '方向',
                options: Object.entries(DIRECTION).map(([value, label]) => ({ value, label })),
              },
              {
                kind: 'text',
                name: 'mapping',
                label: '字段映射（JSON）',
                required: true,
                hint: '见 docs/exchange.md：{"fields":[{"target":"字段","sources":["列"],"steps":[{"op":"trim"}]}]}',
              },
              { kind: 'number', name: 'intervalMinutes', label: '运行间隔（分钟）', nullable: true },
              { kind: 'text', name: 'cron', label: '或定时表达式（cron）', nullable: true },
              { kind: 'text', name: 'writeBackTable', label: '回写表（双向）', nullable: true },
            ]}
          />
        </Panel>
      </div>
    </div>
  );
}
