// The states of a batch's import and the history line of each. A status and its line commit in one
// transaction (a reader never sees a batch COMPLETED without its 办结 line); each line has a dedup key, so the
// activity that calls these can be retried and leaves one line.
import type { Db } from '@/lib/db';
import { rollbackBatch } from '@/lib/import/rollback';
import { recordEvent } from './events';

export interface StartedBatch {
  number: string;
  catalogName: string;
  providerDeptId: string;
}

/** PROCESSING; `attempt` tells runs apart (a batch imported again by a new run gets its own 开始 line). */
export async function startBatch(db: Db, batchId: string, attempt: string): Promise<StartedBatch> {
  const batch = await db.$transaction(async (tx) => {
    const b = await tx.importBatch.update({
      where: { id: batchId },
      data: { status: 'PROCESSING', startedAt: new Date() },
      include: { catalogVersion: { include: { catalog: true } } },
    });
    await recordEvent(tx, {
      batchId: b.id,
      kind: 'PROCESSING',
      message: '开始解析与校验',
      dedupKey: `${b.id}:start:${attempt}`,
    });
    return b;
  });
  return { number: batch.number, catalogName: batch.catalogVersion.catalog.name, providerDeptId: batch.providerDeptId };
}

/** RETURNED: the file is read and the suspect rows go back to the provider. */
export async function returnBatch(db: Db, batchId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const b = await tx.importBatch.update({
      where: { id: batchId },
      data: { status: 'RETURNED' },
      include: { providerDept: { select: { name: true } } },
    });
    await recordEvent(tx, {
      batchId: b.id,
      kind: 'RETURNED',
      message: `校验完成：入库 ${b.rowsStored} 条，更新 ${b.rowsUpdated} 条，重复 ${b.rowsDuplicate} 条；${b.rowsSuspect} 条置疑数据已退回${b.providerDept.name}修复`,
      dedupKey: `${b.id}:returned`,
    });
  });
}

/** COMPLETED, with the batch's final counts in its 办结 line. */
export async function finishBatch(db: Db, batchId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const b = await tx.importBatch.update({
      where: { id: batchId },
      data: { status: 'COMPLETED', finishedAt: new Date() },
    });
    const summary = `入库 ${b.rowsStored} 条，更新 ${b.rowsUpdated} 条，重复 ${b.rowsDuplicate} 条，置疑 ${b.rowsSuspect} 条（已修复 ${b.rowsFixed} 条）`;
    await recordEvent(tx, {
      batchId: b.id,
      kind: 'COMPLETED',
      message: `批次办结：${summary}`,
      dedupKey: `${b.id}:completed`,
    });
  });
}

/** FAILED with the reason; the batch's data is rolled back first, so a failed batch leaves nothing half-written. */
export async function failBatch(db: Db, batchId: string, message: string): Promise<void> {
  await rollbackBatch(db, batchId);
  await db.$transaction(async (tx) => {
    await tx.importBatch.update({
      where: { id: batchId },
      data: { status: 'FAILED', error: message, finishedAt: new Date() },
    });
    await recordEvent(tx, {
      batchId,
      kind: 'FAILED',
      message: `导入失败：${message}`,
      dedupKey: `${batchId}:failed`,
    });
  });
}

/** Tells the department which extra columns of its file were not read (R-1.3.3 tolerates them). */
export async function recordIgnoredColumns(db: Db, batchId: string, columns: string[]): Promise<void> {
  if (!columns.length) return;
  await recordEvent(db, {
    batchId,
    kind: 'COLUMNS_IGNORED',
    message: `文件中有 ${columns.length} 列不属于本目录，未导入：${columns.join('、')}`,
    dedupKey: `${batchId}:columns-ignored`,
  });
}
