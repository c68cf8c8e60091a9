// A FILE source's part of an exchange flow run (R-4.1, R-4.2, R-4.4): one pass of pull → receiveExchangeFile
// (a batch of the ordinary import, its import started durably in the batch's transaction) → acknowledge at the
// source, recorded on the run. Called by syncFlowChunk for a FILE source, so a SFTP/FTP/IMAP flow runs through
// the same exchangeFlowRun workflow (its Schedule and 立即运行) as a database flow, with no new workflow command.
//
// Nothing imported twice: a file is acknowledged only after it was received, and a file delivered again (a crash
// between receipt and acknowledgement, a retried activity, the same file put back) is recognised by its
// receipt on (node, SHA-256). A source that cannot be reached is retried with backoff by the activity, then the
// run fails with the reason; a file that changed while it was read is left for the next run and counted refused.
import { db } from '@/lib/db';
import { SourceStop, SourceUnavailable, type FileSourceAdapter, type SourceContext } from './sources/types';

export interface FileChunkResult {
  done: true;
  rows: number;
  batchId: string | null;
  batchIds: string[];
}

export async function syncFileSource(input: {
  runId: string;
  flow: { catalogCode: string; source: { node: { id: string; department: { code: string } | null } } };
  adapter: FileSourceAdapter;
  ctx: SourceContext;
  taskQueue?: string;
}): Promise<FileChunkResult> {
  const { adapter, flow } = input;
  if (!adapter.receiveAll) throw new SourceStop('BAD_CONFIG', '该来源由其自身的定时任务接收文件，不经流程运行');
  const deptCode = flow.source.node.department?.code;
  if (!deptCode) throw new SourceStop('BAD_CONFIG', '节点未设置所属部门，无法确定文件的提供部门');
  const run = await adapter.receiveAll(input.ctx, {
    nodeId: flow.source.node.id,
    deptCode,
    catalogCode: flow.catalogCode,
    taskQueue: input.taskQueue,
  });
  if (!run.ok) throw new SourceUnavailable(run.error ?? '来源无法访问');

  const batchIds = run.files.filter((f) => f.outcome === 'BATCH' && f.batchId).map((f) => f.batchId!);
  const refused = run.files.filter((f) => f.outcome === 'REFUSED' || f.outcome === 'RETRY_LATER');
  const summary = refused.length
    ? `${refused.length} 个文件未导入：${refused.map((f) => `${f.name}（${f.reason ?? ''}）`).join('；')}`
    : null;
  const current = await db.exchangeRun.findUniqueOrThrow({ where: { id: input.runId }, select: { batchIds: true } });
  const fresh = batchIds.filter((id) => !current.batchIds.includes(id));
  await db.exchangeRun.update({
    where: { id: input.runId },
    data: {
      filesRead: { increment: run.files.length },
      filesRefused: { increment: refused.length },
      ...(fresh.length ? { batchIds: { push: fresh } } : {}),
      ...(summary ? { notes: summary.slice(0, 2000) } : {}),
    },
  });
  return { done: true, rows: 0, batchId: fresh[0] ?? null, batchIds: fresh };
}
