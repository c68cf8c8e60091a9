// Managing the exchange platform: nodes, sources and flows — configure, preview, enable, test the
// connection, run now, retry. Every action needs the exchange administration permission (admin:settings,
// as the drop folders) and is audited. Credentials are sealed (lib/crypto/pii.ts) and never read back.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditChange, requireAnyPermission, type AdminContext } from '@/lib/admin/guard';
import { sealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { enqueueWorkflowStart, startEnqueued } from '@/lib/workflow-starts';
import { EXCHANGE_FLOW_RUN_WORKFLOW } from '@/workflows/contracts';
import { contextOf } from './flow-sync';
import { syncFlowSchedule } from './flow-schedule';
import { adapterFor } from './sources/registry';
import { SourceStop } from './sources/types';
import { configHash, loadCodeTables, mappingSchema, mapRow, type MappedRow } from './transforms/mapping';

const requireExchange = (ctx: AdminContext) => requireAnyPermission(ctx, 'admin:settings');

const name = z.string().trim().min(1, '请填写名称').max(100);

export const nodeInput = z.object({
  id: z.string().uuid().optional(),
  name,
  kind: z.enum(['DEPARTMENT_FRONT_END', 'CITY_PLATFORM', 'OTHER']),
  endpoint: z.string().trim().min(1, '请填写地址').max(500),
  departmentCode: z.string().trim().max(40).nullish(),
  // Omitted or empty: the stored credentials stay as they are.
  credentials: z.record(z.string(), z.string().max(2000)).optional(),
});

export async function saveNode(ctx: AdminContext, input: z.infer<typeof nodeInput>) {
  await requireExchange(ctx);
  const dept = input.departmentCode ? await db.department.findUnique({ where: { code: input.departmentCode } }) : null;
  if (input.departmentCode && !dept) throw new ValidationError(`部门编码“${input.departmentCode}”不存在`);
  const creds =
    input.credentials && Object.keys(input.credentials).length ? { credentials: sealJson(input.credentials) } : {};
  const data = {
    name: input.name,
    kind: input.kind,
    endpoint: input.endpoint,
    departmentId: dept?.id ?? null,
    ...creds,
  };
  const node = input.id
    ? await db.exchangeNode.update({ where: { id: input.id }, data })
    : await db.exchangeNode.create({ data }).catch(() => {
        throw new ConflictError(`节点“${input.name}”已存在`);
      });
  await auditChange(ctx, input.id ? 'EXCHANGE_NODE_UPDATE' : 'EXCHANGE_NODE_CREATE', 'ExchangeNode', node.id, {
    name: node.name,
    credentialsChanged: 'credentials' in creds,
  });
  return { id: node.id };
}

export const sourceInput = z.object({
  id: z.string().uuid().optional(),
  nodeId: z.string().uuid(),
  name,
  kind: z.enum(['DATABASE', 'SFTP', 'FTP', 'IMAP', 'SMTP_INBOX', 'REST_PUSH', 'SOAP', 'DROP_FOLDER']),
  config: z.unknown(),
});

export async function saveSource(ctx: AdminContext, input: z.infer<typeof sourceInput>) {
  await requireExchange(ctx);
  const config = parseSourceConfig(input.kind, input.config);
  const data = { nodeId: input.nodeId, name: input.name, kind: input.kind, config: config as object };
  const source = input.id
    ? await db.exchangeSource.update({ where: { id: input.id }, data })
    : await db.exchangeSource.create({ data }).catch(() => {
        throw new ConflictError(`该节点下已有来源“${input.name}”`);
      });
  await auditChange(ctx, input.id ? 'EXCHANGE_SOURCE_UPDATE' : 'EXCHANGE_SOURCE_CREATE', 'ExchangeSource', source.id, {
    name: source.name,
    kind: source.kind,
  });
  return { id: source.id };
}

function parseSourceConfig(kind: z.infer<typeof sourceInput>['kind'], raw: unknown): unknown {
  try {
    return adapterFor(kind).parseConfig(raw);
  } catch (err) {
    if (err instanceof SourceStop) throw new ValidationError(err.message);
    if (err instanceof z.ZodError) throw new ValidationError(`来源配置有误：${err.issues[0]?.message ?? ''}`);
    throw err;
  }
}

const CRON = /^(\S+\s+){4}\S+$/;

export const flowInput = z.object({
  id: z.string().uuid().optional(),
  name,
  sourceId: z.string().uuid(),
  catalogCode: z.string().trim().min(1).max(64),
  direction: z.enum(['IN', 'OUT', 'TWO_WAY']).default('IN'),
  mapping: mappingSchema,
  cron: z.string().trim().regex(CRON, '定时表达式应为 5 段 cron，例如 0 2 * * *').nullish(),
  intervalMinutes: z.number().int().min(1).max(10_080).nullish(),
  writeBackTable: z
    .string()
    .regex(/^([A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$/, '回写表名只能包含字母、数字、下划线')
    .nullish(),
});

export async function saveFlow(ctx: AdminContext, input: z.infer<typeof flowInput>) {
  await requireExchange(ctx);
  if (!(await db.catalog.findUnique({ where: { code: input.catalogCode } })))
    throw new ValidationError(`目录编码“${input.catalogCode}”不存在`);
  const source = await db.exchangeSource.findUnique({ where: { id: input.sourceId } });
  if (!source) throw new NotFoundError('来源不存在');
  const watermarkColumn =
    source.kind === 'DATABASE' ? ((source.config as { watermarkColumn?: string }).watermarkColumn ?? null) : null;
  const data = {
    name: input.name,
    sourceId: input.sourceId,
    catalogCode: input.catalogCode,
    direction: input.direction,
    mapping: input.mapping,
    cron: input.cron ?? null,
    intervalMinutes: input.intervalMinutes ?? null,
    writeBackTable: input.writeBackTable ?? null,
    watermarkColumn,
  };
  const flow = input.id
    ? await db.exchangeFlow.update({ where: { id: input.id }, data })
    : await db.exchangeFlow.create({ data }).catch(() => {
        throw new ConflictError(`流程“${input.name}”已存在`);
      });
  // A changed configuration needs a new preview before it runs on a timetable again.
  if (flow.enabled && flow.previewHash !== (await currentHash(flow.id))) {
    await db.exchangeFlow.update({ where: { id: flow.id }, data: { enabled: false } });
    flow.enabled = false;
  }
  await syncFlowSchedule(flow);
  await auditChange(ctx, input.id ? 'EXCHANGE_FLOW_UPDATE' : 'EXCHANGE_FLOW_CREATE', 'ExchangeFlow', flow.id, {
    name: flow.name,
  });
  return { id: flow.id, enabled: flow.enabled };
}

async function currentHash(flowId: string): Promise<string> {
  const flow = await db.exchangeFlow.findUniqueOrThrow({ where: { id: flowId }, include: { source: true } });
  return configHash({ mapping: flow.mapping, sourceConfig: flow.source.config, catalogCode: flow.catalogCode });
}

export interface PreviewRow {
  source: Record<string, string>;
  result: MappedRow;
}

/**
 * Runs the flow's mapping and transforms on sample rows — the first `limit` rows of the source, or rows pasted
 * by the administrator — and shows each row's result or errors. A preview with no error vouches for the
 * current configuration: only then may the flow be enabled.
 */
export async function previewFlow(
  ctx: AdminContext,
  flowId: string,
  opts: { rows?: Record<string, string>[]; limit?: number },
) {
  await requireExchange(ctx);
  const flow = await db.exchangeFlow.findUnique({
    where: { id: flowId },
    include: { source: { include: { node: { include: { department: true } } } } },
  });
  if (!flow) throw new NotFoundError('流程不存在');
  const mapping = mappingSchema.parse(flow.mapping);
  let rows: Record<string, unknown>[] = opts.rows ?? [];
  if (!opts.rows) {
    const { adapter, ctx: sctx } = contextOf(flow);
    if (adapter.shape !== 'ROW') throw new ValidationError('该来源按文件交换，请粘贴示例行进行预览');
    try {
      rows = (await adapter.readAfter(sctx, null, Math.min(opts.limit ?? 20, 200))).rows;
    } catch (err) {
      throw new ValidationError(err instanceof Error ? err.message : String(err));
    }
  }
  if (!rows.length) throw new ValidationError('没有可预览的示例行');
  const tables = await loadCodeTables(db, mapping);
  const results: PreviewRow[] = rows.slice(0, 200).map((row) => ({
    source: Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v ?? '')]),
    ),
    result: mapRow(mapping, row, tables),
  }));
  const failed = results.filter((r) => !r.result.ok).length;
  const passed = failed === 0;
  await db.exchangeFlow.update({
    where: { id: flow.id },
    data: { previewHash: passed ? await currentHash(flow.id) : null },
  });
  await auditChange(ctx, 'EXCHANGE_FLOW_PREVIEW', 'ExchangeFlow', flow.id, { rows: results.length, failed });
  return { passed, failed, rows: results };
}

export async function setFlowEnabled(ctx: AdminContext, flowId: string, enabled: boolean) {
  await requireExchange(ctx);
  const flow = await db.exchangeFlow.findUnique({ where: { id: flowId } });
  if (!flow) throw new NotFoundError('流程不存在');
  if (enabled && flow.previewHash !== (await currentHash(flowId)))
    throw new ConflictError('请先预览当前配置，预览全部通过后才能启用');
  const updated = await db.exchangeFlow.update({ where: { id: flowId }, data: { enabled } });
  await syncFlowSchedule(updated);
  await auditChange(ctx, enabled ? 'EXCHANGE_FLOW_ENABLE' : 'EXCHANGE_FLOW_DISABLE', 'ExchangeFlow', flowId);
  return { enabled };
}

/**
 * 立即运行 / 重试: a run now, through a durable start. A retry also lifts a stop (the administrator has looked):
 * after a change of columns the new columns are accepted as the flow's.
 */
export async function runFlowNow(
  ctx: AdminContext,
  flowId: string,
  opts: { retry?: boolean; chunkSize?: number; taskQueue?: string } = {},
) {
  await requireExchange(ctx);
  const flow = await db.exchangeFlow.findUnique({ where: { id: flowId } });
  if (!flow) throw new NotFoundError('流程不存在');
  const workflowId = `exchange-run-${flowId}-${randomUUID()}`;
  await db.$transaction(async (tx) => {
    if (opts.retry && flow.stoppedReason)
      await tx.exchangeFlow.update({
        where: { id: flowId },
        data: { stoppedReason: null, ...(flow.stoppedReason.startsWith('来源的列') ? { columns: [] } : {}) },
      });
    await enqueueWorkflowStart(tx, {
      workflowType: EXCHANGE_FLOW_RUN_WORKFLOW,
      workflowId,
      args: [
        { flowId, trigger: opts.retry ? 'RETRY' : 'MANUAL', chunkSize: opts.chunkSize, taskQueue: opts.taskQueue },
      ],
      taskQueue: opts.taskQueue,
    });
  });
  const started = await startEnqueued(workflowId);
  if (opts.retry && flow.stoppedReason) await syncFlowSchedule({ ...flow, stoppedReason: null });
  await auditChange(ctx, opts.retry ? 'EXCHANGE_FLOW_RETRY' : 'EXCHANGE_FLOW_RUN', 'ExchangeFlow', flowId, {
    workflowId,
  });
  return { workflowId, started };
}

/** 测试连接: the source's adapter tries its node; the answer is kept as the node's health. */
export async function testSourceConnection(ctx: AdminContext, sourceId: string) {
  await requireExchange(ctx);
  const source = await db.exchangeSource.findUnique({ where: { id: sourceId }, include: { node: true } });
  if (!source) throw new NotFoundError('来源不存在');
  let check: { ok: boolean; message: string };
  try {
    const adapter = adapterFor(source.kind);
    const { ctx: sctx } = contextOf({ source: { ...source, node: { ...source.node, department: null } } } as never);
    check = await adapter.testConnection(sctx as never);
  } catch (err) {
    check = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  await db.exchangeNode.update({
    where: { id: source.nodeId },
    data: { healthAt: new Date(), healthOk: check.ok, healthMessage: check.message },
  });
  await auditChange(ctx, 'EXCHANGE_SOURCE_TEST', 'ExchangeSource', sourceId, check);
  return check;
}
