// What the management page shows of the exchange platform: nodes with their health (credentials only
// as "已设置"), sources, flows with last and next run, rows moved, lag and errors, and the recent runs with
// their batches. A failed or stopped run is flagged so the page shows it at once.
import { requireAnyPermission, type AdminContext } from '@/lib/admin/guard';
import { db } from '@/lib/db';
import { flowScheduleInfo } from './flow-schedule';
import { configHash } from './transforms/mapping';

export async function exchangeFlowsOverview(ctx: AdminContext) {
  await requireAnyPermission(ctx, 'admin:settings');
  const [nodes, sources, flows, runs] = await Promise.all([
    db.exchangeNode.findMany({ include: { department: true }, orderBy: { name: 'asc' } }),
    db.exchangeSource.findMany({ include: { node: true }, orderBy: { name: 'asc' } }),
    db.exchangeFlow.findMany({ include: { source: true }, orderBy: { name: 'asc' } }),
    db.exchangeRun.findMany({
      include: { flow: { select: { name: true } } },
      orderBy: { startedAt: 'desc' },
      take: 50,
    }),
  ]);
  const batchIds = runs.flatMap((r) => r.batchIds);
  const batches = new Map(
    (await db.importBatch.findMany({ where: { id: { in: batchIds } }, select: { id: true, number: true } })).map(
      (b) => [b.id, b.number],
    ),
  );
  const flowRows = await Promise.all(
    flows.map(async (f) => {
      const last = await db.exchangeRun.findFirst({ where: { flowId: f.id }, orderBy: { startedAt: 'desc' } });
      const lastOk = await db.exchangeRun.findFirst({
        where: { flowId: f.id, status: 'SUCCEEDED' },
        orderBy: { finishedAt: 'desc' },
      });
      const moved = await db.exchangeRun.aggregate({ where: { flowId: f.id }, _sum: { rowsRead: true } });
      const schedule = await flowScheduleInfo(f.id).catch(() => null);
      const previewed =
        f.previewHash !== null &&
        f.previewHash === configHash({ mapping: f.mapping, sourceConfig: f.source.config, catalogCode: f.catalogCode });
      return {
        id: f.id,
        name: f.name,
        sourceName: f.source.name,
        sourceKind: f.source.kind,
        catalogCode: f.catalogCode,
        direction: f.direction,
        enabled: f.enabled,
        previewed,
        stoppedReason: f.stoppedReason,
        cursor: f.cursor,
        last,
        next: schedule?.next ?? null,
        rowsMoved: moved._sum.rowsRead ?? 0,
        // Lag: how long since the last run that finished well (null: none yet).
        lagMs: lastOk?.finishedAt ? Date.now() - lastOk.finishedAt.getTime() : null,
        failing: last?.status === 'FAILED' || last?.status === 'STOPPED' || f.stoppedReason !== null,
      };
    }),
  );
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      endpoint: n.endpoint,
      department: n.department?.name ?? null,
      credentials: n.credentials ? '已设置' : '未设置',
      healthAt: n.healthAt,
      healthOk: n.healthOk,
      healthMessage: n.healthMessage,
    })),
    sources: sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind, nodeName: s.node.name })),
    flows: flowRows,
    runs: runs.map((r) => ({
      ...r,
      flowName: r.flow.name,
      batches: r.batchIds.map((id) => ({ id, number: batches.get(id) ?? id.slice(0, 8) })),
    })),
  };
}
