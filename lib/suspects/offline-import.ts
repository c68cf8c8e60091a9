// The offline fix coming back: the department uploads the file it downloaded, corrected. Each row is
// matched to its suspect item by the hidden id column (falling back to the original row number), checked
// against the catalog version, and every corrected row that passes goes through the same resubmit path as
// the fix screen. Rows still wrong keep the attempt as a draft with their new problems, shown on screen and
// in the next download; untouched rows are left as they were.
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { checkRow } from '@/lib/catalog/check-row';
import { matchHeaders } from '@/lib/catalog/headers';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { Problem, RowValues } from '@/lib/catalog/types';
import { sealJson, unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';
import { resolveStoredPath, type StoredUpload } from '@/lib/files/store';
import { detectFormat, readRows } from '@/lib/import/read-rows';
import { ensureCanAct } from '@/lib/tasks/inbox';
import type { TaskActionReply } from '@/lib/tasks/task-action';
import { recordFixEvents } from './events';
import { batchIdOf } from './fix-task';
import { ITEM_ID_HEADER, ROW_NUMBER_HEADER } from './offline-export';
import { resubmitChecked } from './resubmit';
import { restoreCell } from '@/lib/files/csv-safe';

const MAX_ROWS = 50_000;

export interface OfflineFixResult {
  rowsRead: number;
  submitted: number;
  unchanged: number;
  stillWrong: { sheetRow: number; rowNumber: number; problems: Problem[] }[];
  /** Sheet rows that match no open suspect item of this task (already handled, or not from this file). */
  unmatched: number[];
  reply: TaskActionReply | null;
}

export async function importOfflineFixes(
  user: CurrentUser,
  taskId: string,
  upload: StoredUpload & { originalName: string },
  ip: string | null,
): Promise<OfflineFixResult> {
  const task = await ensureCanAct(user, taskId);
  const batchId = batchIdOf(task);
  const path = resolveStoredPath(upload.storagePath);
  const format = await detectFormat(path, upload.originalName);
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId }, select: { catalogVersionId: true } });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  const items = await db.suspectItem.findMany({
    where: { batchId, status: 'OPEN' },
    select: { id: true, rowNumber: true, round: true, rowSealed: true, fixSealed: true },
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  const byRow = new Map(items.map((i) => [i.rowNumber, i]));

  const today = new Date();
  const result: OfflineFixResult = {
    rowsRead: 0,
    submitted: 0,
    unchanged: 0,
    stillWrong: [],
    unmatched: [],
    reply: null,
  };
  const toSubmit: { itemId: string; values: RowValues }[] = [];
  const drafts: { item: (typeof items)[number]; sheetRow: number; values: RowValues; problems: Problem[] }[] = [];
  const seen = new Set<string>();
  let columns: { id: number; row: number; fields: Map<number, string> } | undefined;

  for await (const row of readRows(path, format)) {
    if (!columns) {
      const id = row.cells.findIndex((c) => c.trim() === ITEM_ID_HEADER);
      const rowCol = row.cells.findIndex((c) => c.trim() === ROW_NUMBER_HEADER);
      if (id < 0 && rowCol < 0)
        throw new ValidationError('文件中没有“置疑编号”或“原始行号”列：请上传从本任务下载的置疑数据文件');
      columns = { id, row: rowCol, fields: matchHeaders(def, row.cells).columns };
      continue;
    }
    if (row.cells.every((c) => !c.trim())) continue;
    if (++result.rowsRead > MAX_ROWS) throw new ValidationError(`文件行数超过上限（${MAX_ROWS}行）`);
    const item = byId.get(row.cells[columns.id]?.trim() ?? '') ?? byRow.get(Number(row.cells[columns.row]));
    if (!item || seen.has(item.id)) {
      result.unmatched.push(row.rowNumber);
      continue;
    }
    seen.add(item.id);
    const current = unsealJson<RowValues>(item.fixSealed ?? item.rowSealed);
    // A column the department removed keeps the row's current value; present columns replace it.
    const raw: RowValues = { ...current };
    for (const [i, key] of columns.fields) raw[key] = restoreCell(row.cells[i] ?? '');
    const checked = checkRow(def, raw, { today });
    if (sameValues(checked.values, checkRow(def, current, { today }).values)) {
      result.unchanged += 1;
      continue;
    }
    if (checked.problems.length)
      drafts.push({ item, sheetRow: row.rowNumber, values: checked.values, problems: checked.problems });
    else toSubmit.push({ itemId: item.id, values: checked.values });
  }
  if (!columns) throw new ValidationError('文件为空：没有找到表头行');

  const file = await db.storedFile.upsert({
    where: { sha256: upload.sha256 },
    create: {
      sha256: upload.sha256,
      size: upload.size,
      originalName: upload.originalName,
      storagePath: upload.storagePath,
      uploadedById: user.id,
    },
    update: {},
  });
  const source = { via: 'file' as const, file: { id: file.id, sha256: file.sha256, name: upload.originalName } };
  if (toSubmit.length) result.reply = await resubmitChecked(user, task, batchId, toSubmit, source, ip);
  result.submitted = toSubmit.length;
  await saveDrafts(user, drafts, source);
  result.stillWrong = drafts.map((d) => ({ sheetRow: d.sheetRow, rowNumber: d.item.rowNumber, problems: d.problems }));
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'data',
    action: 'IMPORT',
    objectType: 'SuspectItem',
    objectId: batchId,
    detail: { sha256: upload.sha256, rows: result.rowsRead, submitted: result.submitted, stillWrong: drafts.length },
  });
  return result;
}

function sameValues(a: RowValues, b: RowValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** Rows still wrong: the attempt is kept (sealed) with its new problems, only while the row is still open. */
async function saveDrafts(
  user: CurrentUser,
  drafts: { item: { id: string; round: number }; sheetRow: number; values: RowValues; problems: Problem[] }[],
  source: { via: 'file'; file: { id: string; sha256: string; name: string } },
): Promise<void> {
  if (!drafts.length) return;
  await db.$transaction(async (tx) => {
    for (const d of drafts) {
      await tx.suspectItem.updateMany({
        where: { id: d.item.id, status: 'OPEN' },
        data: { fixSealed: sealJson(d.values), problems: d.problems as object[] },
      });
    }
    await recordFixEvents(
      tx,
      drafts.map((d) => ({
        suspectItemId: d.item.id,
        round: d.item.round + 1,
        kind: 'FIX_FAILED',
        message: `离线文件“${source.file.name}”第 ${d.sheetRow} 行的修改仍未通过校验：${d.problems.map((p) => p.message).join('；')}`,
        actor: { id: user.id, name: user.displayName },
        data: { problems: d.problems as object[], file: source.file },
      })),
    );
  });
}
