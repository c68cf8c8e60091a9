// The body of the import activity: stream the batch's file, check each row, commit in chunks. Each chunk's
// rows, suspect items, counters and the resume cursor are written in one transaction, so a worker killed
// mid-file resumes after the last committed chunk with no duplicate and no lost row.
import type { Db } from '@/lib/db';
import { checkRow } from '@/lib/catalog/check-row';
import { matchHeaders } from '@/lib/catalog/headers';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { sealJson } from '@/lib/crypto/pii';
import { ValidationError } from '@/lib/errors';
import { resolveStoredPath } from '@/lib/files/store';
import { detectFormat, readRows } from './read-rows';
import { storeRows } from './store-rows';

export const CHUNK_ROWS = 1000;

export interface ImportProgress {
  cursor: number;
  rowsRead: number;
}

export interface ImportResult {
  rowsRead: number;
  rowsStored: number;
  rowsUpdated: number;
  rowsDuplicate: number;
  rowsSuspect: number;
  unknownColumns: string[];
}

export async function processBatchFile(
  db: Db,
  batchId: string,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportResult> {
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, include: { file: true } });
  if (!batch.file) throw new ValidationError('批次没有关联的文件');
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const path = resolveStoredPath(batch.file.storagePath);
  const format = await detectFormat(path, batch.file.originalName);

  let columns: Map<number, string> | undefined;
  let unknownColumns: string[] = [];
  let cursor = batch.cursor;
  let chunk: { rowNumber: number; raw: RowValues }[] = [];
  const today = new Date();

  const flush = async (lastRow: number) => {
    await commitChunk(db, def, batch, chunk, lastRow, today);
    cursor = lastRow;
    chunk = [];
    onProgress({ cursor, rowsRead: cursor - 1 });
  };

  let lastRow = 1;
  for await (const row of readRows(path, format)) {
    if (row.rowNumber === 1) {
      const headers = matchHeaders(def, row.cells);
      if (headers.missingRequired.length) {
        throw new ValidationError(`表头缺少必填列：${headers.missingRequired.join('、')}。请使用本目录的最新模板。`);
      }
      if (headers.columns.size === 0) throw new ValidationError('表头与目录字段不匹配：请使用本目录的模板');
      columns = headers.columns;
      unknownColumns = headers.unknown;
      continue;
    }
    lastRow = row.rowNumber;
    if (row.rowNumber <= cursor) continue; // committed before a crash
    if (row.cells.every((c) => !c.trim())) continue;
    const raw: RowValues = {};
    for (const [i, key] of columns!) raw[key] = row.cells[i] ?? '';
    chunk.push({ rowNumber: row.rowNumber, raw });
    if (chunk.length >= CHUNK_ROWS) await flush(row.rowNumber);
  }
  if (!columns) throw new ValidationError('文件为空：没有找到表头行');
  if (chunk.length || lastRow > cursor) await flush(Math.max(lastRow, cursor));

  const done = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  return {
    rowsRead: done.rowsRead,
    rowsStored: done.rowsStored,
    rowsUpdated: done.rowsUpdated,
    rowsDuplicate: done.rowsDuplicate,
    rowsSuspect: done.rowsSuspect,
    unknownColumns,
  };
}

async function commitChunk(
  db: Db,
  def: CatalogDef,
  batch: { id: string; providerDeptId: string; cursor: number },
  chunk: { rowNumber: number; raw: RowValues }[],
  lastRow: number,
  today: Date,
): Promise<void> {
  const checked = chunk.map((r) => ({ ...r, ...checkRow(def, r.raw, { today }) }));
  await db.$transaction(
    async (tx) => {
      // Guard against a second runner of the same activity: the cursor only moves forward.
      const current = await tx.importBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { cursor: true } });
      const pending = checked.filter((r) => r.rowNumber > current.cursor);
      const valid = pending.filter((r) => r.problems.length === 0);
      const outcomes = await storeRows(tx, { def, batchId: batch.id, providerDeptId: batch.providerDeptId }, valid);
      const problemsByRow = new Map(pending.filter((r) => r.problems.length).map((r) => [r.rowNumber, r.problems]));
      for (const o of outcomes) if (o.outcome === 'SUSPECT') problemsByRow.set(o.rowNumber, o.problems);
      const rawByRow = new Map(pending.map((r) => [r.rowNumber, r.raw]));
      if (problemsByRow.size) {
        await tx.suspectItem.createMany({
          data: [...problemsByRow].map(([rowNumber, problems]) => ({
            batchId: batch.id,
            rowNumber,
            rowSealed: sealJson(rawByRow.get(rowNumber)),
            problems: problems as object[],
          })),
          skipDuplicates: true,
        });
      }
      const count = (k: string) => outcomes.filter((o) => o.outcome === k).length;
      await tx.importBatch.update({
        where: { id: batch.id },
        data: {
          cursor: Math.max(lastRow, current.cursor),
          rowsRead: { increment: pending.length },
          rowsStored: { increment: count('STORED') },
          rowsUpdated: { increment: count('UPDATED') },
          rowsDuplicate: { increment: count('DUPLICATE') },
          rowsSuspect: { increment: problemsByRow.size },
        },
      });
    },
    { timeout: 120_000 },
  );
}
