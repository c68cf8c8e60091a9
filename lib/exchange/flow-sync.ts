// One exchange flow run's steps, called by the exchangeFlowRun workflow's activities.
//
// Incremental sync with no duplicate and no gap. Each chunk of source rows (after the flow's committed
// cursor) becomes ONE batch of the ordinary import: a CSV file in the file store, then — in ONE database
// transaction — the batch, its owed import-workflow start (lib/workflow-starts.ts) and the flow's cursor moved
// to the chunk's last watermark. So the cursor says exactly which rows have a batch:
//   - a crash before that commit leaves the cursor where it was: the retry reads the same rows again (the file
//     written for them is content-addressed, so nothing is doubled; an unused copy is swept later);
//   - a crash after it leaves the cursor past those rows: the retry reads the next ones;
//   - two runs at once (a schedule and 立即运行) cannot both move the cursor from the same value: the update is
//     conditional on the cursor read, and the loser rolls back and retries from the new cursor.
// An updated source row carries a newer watermark, so it is read again and the import stores it as a revision
// of the same record (its natural key), never as a second record.
import { Readable } from 'node:stream';
import { createBatchFromUpload } from '@/lib/batches/create-batch';
import { loadCatalogDef, currentVersionId } from '@/lib/catalog/load';
import { unsealJson } from '@/lib/crypto/pii';
import { db, type Prisma } from '@/lib/db';
import { AppError, ConflictError } from '@/lib/errors';
import { saveStream } from '@/lib/files/store';
import { connect, type DatabaseConfig, watermarkBehind } from './sources/database';
import { syncFileSource } from './file-sync';
import { adapterFor } from './sources/registry';
import { SourceStop, type RowSourceAdapter, type SourceContext } from './sources/types';
import { systemActorFor } from './system-actor';
import { loadCodeTables, mapRow, mappingSchema, textOf } from './transforms/mapping';

export const DEFAULT_CHUNK = 5_000;

type FlowWithSource = Prisma.ExchangeFlowGetPayload<{
  include: { source: { include: { node: { include: { department: true } } } } };
}>;

const withSource = { source: { include: { node: { include: { department: true } } } } } as const;

export function contextOf(flow: FlowWithSource): { adapter: ReturnType<typeof adapterFor>; ctx: SourceContext } {
  const adapter = adapterFor(flow.source.kind);
  const node = flow.source.node;
  return {
    adapter,
    ctx: {
      config: adapter.parseConfig(flow.source.config),
      endpoint: node.endpoint,
      credentials: node.credentials ? unsealJson<Record<string, string>>(node.credentials) : {},
    },
  };
}

export interface OpenedRun {
  runId: string;
  proceed: boolean;
  twoWay: boolean;
}

/** Opens (or finds again, on a retry) the run of this workflow execution. A stopped flow only runs by hand. */
export async function openFlowRun(input: { flowId: string; workflowId: string; trigger: string }): Promise<OpenedRun> {
  const flow = await db.exchangeFlow.findUnique({ where: { id: input.flowId } });
  if (!flow) return { runId: '', proceed: false, twoWay: false };
  const existing = await db.exchangeRun.findUnique({ where: { workflowId: input.workflowId } });
  const twoWay = flow.direction === 'TWO_WAY';
  if (existing) return { runId: existing.id, proceed: existing.status === 'RUNNING', twoWay };
  if (input.trigger === 'SCHEDULE' && (!flow.enabled || flow.stoppedReason))
    return { runId: '', proceed: false, twoWay };
  const run = await db.exchangeRun.create({
    data: { flowId: flow.id, workflowId: input.workflowId, trigger: input.trigger, cursorBefore: flow.cursor },
  });
  return { runId: run.id, proceed: true, twoWay };
}

export interface ChunkResult {
  done: boolean;
  rows: number;
  batchId: string | null;
  /** A FILE source's pass may make several batches (absent in histories recorded before FILE sources ran). */
  batchIds?: string[];
}

/** Thrown when another run moved the cursor first: the activity retries from the new cursor. */
export class CursorMoved extends Error {
  constructor() {
    super('游标已被另一次运行推进，将从新的位置重试');
  }
}

/** Reads the next chunk after the committed cursor and turns it into a batch, moving the cursor with it. */
export async function syncFlowChunk(input: {
  runId: string;
  chunkSize?: number;
  taskQueue?: string;
}): Promise<ChunkResult> {
  const run = await db.exchangeRun.findUniqueOrThrow({
    where: { id: input.runId },
    include: { flow: { include: withSource } },
  });
  const flow = run.flow;
  const { adapter, ctx } = contextOf(flow);
  if (adapter.shape === 'FILE')
    return syncFileSource({ runId: run.id, flow, adapter, ctx, taskQueue: input.taskQueue });
  const rowSource = adapter as RowSourceAdapter;
  const before = flow.cursor;

  if (before !== null && flow.source.kind === 'DATABASE') {
    const top = await watermarkBehind(ctx as SourceContext<DatabaseConfig>, before);
    if (top !== null)
      throw new SourceStop(
        'WATERMARK_BACKWARDS',
        `水位倒退：来源中最新的水位为“${top}”，早于已提交的游标“${before}”（前置库可能被回滚或重建），流程已停止，请核实后处理`,
      );
  }
  const chunk = await rowSource.readAfter(ctx, before, input.chunkSize ?? DEFAULT_CHUNK);
  if (flow.columns.length && !sameColumns(flow.columns, chunk.columns))
    throw new SourceStop(
      'COLUMNS_CHANGED',
      `来源的列发生变化：原为 ${flow.columns.join('、')}，现为 ${chunk.columns.join('、')}，流程已停止，请核对映射后重新启用`,
    );
  if (!chunk.rows.length) {
    await db.exchangeRun.update({ where: { id: run.id }, data: { cursorAfter: before } });
    return { done: true, rows: 0, batchId: null };
  }

  const mapping = mappingSchema.parse(flow.mapping);
  const tables = await loadCodeTables(db, mapping);
  const def = await loadCatalogDef(db, await currentVersionId(db, flow.catalogCode));
  const lines = [def.fields.map((f) => csvCell(f.label)).join(',')];
  for (const row of chunk.rows) {
    const mapped = mapRow(mapping, row, tables);
    // A value no transform could read goes to the import as it came: the import's quality control judges it
    // and the provider fixes it in the return-and-fix loop, as for an uploaded file.
    const values = mapped.ok ? mapped.values : rawValues(mapping, row);
    lines.push(def.fields.map((f) => csvCell(values[f.key] ?? '')).join(','));
  }
  const upload = await saveStream(Readable.from([Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')]));

  const commit = async (tx: Prisma.TransactionClient, batchId: string | null) => {
    const moved = await tx.exchangeFlow.updateMany({
      where: { id: flow.id, cursor: before },
      data: { cursor: chunk.cursorAfter, ...(flow.columns.length ? {} : { columns: chunk.columns }) },
    });
    if (moved.count !== 1) throw new CursorMoved();
    await tx.exchangeRun.update({
      where: { id: run.id },
      data: {
        rowsRead: { increment: chunk.rows.length },
        rowsImported: { increment: batchId ? chunk.rows.length : 0 },
        cursorAfter: chunk.cursorAfter,
        ...(batchId ? { batchIds: { push: batchId } } : {}),
      },
    });
  };
  const actor = await systemActorFor(db, flow.source.node.department?.code ?? '', 'EXCHANGE');
  try {
    const batch = await createBatchFromUpload({
      user: actor,
      catalogCode: flow.catalogCode,
      originalName: `${flow.name}_${safeName(before ?? '起始')}_${safeName(chunk.cursorAfter ?? '')}.csv`,
      upload,
      ip: null,
      source: 'EXCHANGE',
      taskQueue: input.taskQueue,
      inTransaction: (tx, b) => commit(tx, b.id),
    });
    return { done: chunk.done, rows: chunk.rows.length, batchId: batch.id };
  } catch (err) {
    // The same rows (to the byte) are a batch already: an earlier attempt's, or unchanged rows read again.
    // The cursor moves past them without a second batch.
    if (err instanceof ConflictError) {
      await db.$transaction((tx) => commit(tx, null));
      return { done: chunk.done, rows: chunk.rows.length, batchId: null };
    }
    if (err instanceof AppError && err.status < 500) throw new SourceStop('BAD_CONFIG', err.message);
    throw err;
  }
}

/** Closes the run; a STOPPED run stops its flow until an administrator retries it. */
export async function finishFlowRun(input: {
  runId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  error?: string;
}): Promise<void> {
  const run = await db.exchangeRun.findUniqueOrThrow({ where: { id: input.runId } });
  if (run.status !== 'RUNNING') return;
  await db.$transaction([
    db.exchangeRun.update({
      where: { id: run.id },
      data: { status: input.status, finishedAt: new Date(), error: input.error?.slice(0, 2000) ?? null },
    }),
    ...(input.status === 'STOPPED'
      ? [db.exchangeFlow.update({ where: { id: run.flowId }, data: { stoppedReason: input.error ?? '已停止' } })]
      : []),
  ]);
}

const TABLE = /^([A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Two-way flows: the suspect items of this flow's batches, each with its reasons, written into the
 * configured table of the department's front-end store:
 *   (suspect_id text PRIMARY KEY, batch_number text, row_number int, reasons text, written_at timestamptz)
 * `ON CONFLICT DO NOTHING` on the suspect's id makes every write idempotent; a batch whose quality control
 * has not finished yet is written back by a later run.
 */
export async function writeBackSuspects(input: { runId: string }): Promise<number> {
  const run = await db.exchangeRun.findUniqueOrThrow({
    where: { id: input.runId },
    include: { flow: { include: withSource } },
  });
  const flow = run.flow;
  if (flow.direction !== 'TWO_WAY' || !flow.writeBackTable) return 0;
  if (!TABLE.test(flow.writeBackTable)) throw new SourceStop('BAD_CONFIG', `回写表名“${flow.writeBackTable}”无效`);
  const runs = await db.exchangeRun.findMany({ where: { flowId: flow.id }, select: { batchIds: true } });
  const batchIds = runs.flatMap((r) => r.batchIds);
  const suspects = await db.suspectItem.findMany({
    where: { batchId: { in: batchIds }, status: 'OPEN', batch: { status: { notIn: ['RECEIVED', 'PROCESSING'] } } },
    include: { batch: { select: { number: true } } },
    orderBy: [{ batchId: 'asc' }, { rowNumber: 'asc' }],
  });
  if (!suspects.length) return 0;
  const { ctx } = contextOf(flow);
  const client = await connect(ctx);
  const table = flow.writeBackTable
    .split('.')
    .map((p) => `"${p}"`)
    .join('.');
  let written = 0;
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL statement_timeout = 60000');
    for (const s of suspects) {
      const reasons = (s.problems as { message?: string; field?: string }[])
        .map((p) => (p.field ? `${p.field}：${p.message ?? ''}` : (p.message ?? '')))
        .join('；');
      const r = await client.query(
        `INSERT INTO ${table} (suspect_id, batch_number, row_number, reasons, written_at)
         VALUES ($1, $2, $3, $4, now()) ON CONFLICT (suspect_id) DO NOTHING`,
        [s.id, s.batch.number, s.rowNumber, reasons],
      );
      written += r.rowCount ?? 0;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw new SourceStop('BAD_CONFIG', `回写前置库失败：${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
  await db.exchangeRun.update({ where: { id: run.id }, data: { rowsWritten: { increment: written } } });
  return written;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function rawValues(mapping: ReturnType<typeof mappingSchema.parse>, row: Record<string, unknown>) {
  return Object.fromEntries(mapping.fields.map((f) => [f.target, f.sources.map((c) => textOf(row[c])).join('')]));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const safeName = (s: string) => s.replace(/[^\p{L}\p{N}_-]+/gu, '').slice(0, 40);
