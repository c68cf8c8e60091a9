// The offline fix file: a department's own returned rows as an xlsx, one row per suspect item,
// the faulty cells red with the reason as a cell comment, the catalog's standard headers, and a hidden column
// with the suspect item id so the upload finds each row's item again. Written as a stream, page by page.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CurrentUser } from '@/lib/auth/current-user';
import { actorOf, writeAudit } from '@/lib/audit';
import { loadCatalogDef } from '@/lib/catalog/load';
import type { CatalogDef, RowValues } from '@/lib/catalog/types';
import { unsealJson } from '@/lib/crypto/pii';
import { db } from '@/lib/db';
import { getActionableTask } from '@/lib/tasks/inbox';
import { batchIdOf } from './fix-task';
import { neutraliseCell } from '@/lib/files/csv-safe';
import { readProblems } from '@/lib/catalog/json-columns';

/** Header texts of the extra columns; the upload finds its columns by them (lib/suspects/offline-import.ts). */
export const ITEM_ID_HEADER = '置疑编号（系统使用，请勿修改）';
export const ROW_NUMBER_HEADER = '原始行号';
export const PROBLEMS_HEADER = '问题说明';

const PAGE = 1000;
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export async function exportSuspects(
  user: CurrentUser,
  taskId: string,
  ip: string | null,
): Promise<{ filename: string; stream: Readable }> {
  const task = await getActionableTask(user, taskId);
  const batchId = batchIdOf(task);
  const batch = await db.importBatch.findUniqueOrThrow({
    where: { id: batchId },
    select: { number: true, catalogVersionId: true },
  });
  const def = await loadCatalogDef(db, batch.catalogVersionId);
  // The department downloads its own rows in clear to correct them; like the fix screen, this is audited.
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'data',
    action: 'EXPORT',
    objectType: 'SuspectItem',
    objectId: batchId,
    detail: { taskId },
  });
  const out = new PassThrough();
  writeWorkbook(out, def, batchId).catch((err: unknown) => out.destroy(err as Error));
  return { filename: `置疑数据_${def.name}_${batch.number}.xlsx`, stream: out };
}

async function writeWorkbook(out: PassThrough, def: CatalogDef, batchId: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '信用武陟';
  const sheet = wb.addWorksheet(def.name, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = [
    { key: 'id', width: 38, hidden: true, style: { numFmt: '@' } },
    { key: 'row', width: 10 },
    { key: 'problems', width: 48, style: { alignment: { wrapText: true, vertical: 'top' } } },
    ...def.fields.map((f) => ({
      key: f.key,
      width: Math.min(40, Math.max(12, f.label.length * 2 + 2)),
      style: { numFmt: '@' }, // text, so leading zeros and 18-digit codes survive
    })),
  ];
  const header = sheet.addRow([ITEM_ID_HEADER, ROW_NUMBER_HEADER, PROBLEMS_HEADER, ...def.fields.map((f) => f.label)]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEAD;
  });
  header.commit();

  const fieldCol = new Map(def.fields.map((f, i) => [f.key, i + 4]));
  let after = 0;
  for (;;) {
    const items = await db.suspectItem.findMany({
      where: { batchId, status: 'OPEN', rowNumber: { gt: after } },
      orderBy: { rowNumber: 'asc' },
      take: PAGE,
      select: { id: true, rowNumber: true, rowSealed: true, fixSealed: true, problems: true },
    });
    for (const item of items) {
      const values = unsealJson<RowValues>(item.fixSealed ?? item.rowSealed);
      const problems = readProblems(item.problems);
      const row = sheet.addRow([
        item.id,
        item.rowNumber,
        neutraliseCell(problems.map((p) => p.message).join('；')),
        ...def.fields.map((f) => neutraliseCell(values[f.key] ?? '')),
      ]);
      const byCol = new Map<number, string[]>();
      for (const p of problems) {
        const col = (p.field && fieldCol.get(p.field)) || 3; // a row-level problem marks the 问题说明 cell
        byCol.set(col, [...(byCol.get(col) ?? []), p.message]);
      }
      for (const [col, messages] of byCol) {
        const cell = row.getCell(col);
        cell.fill = RED;
        cell.note = messages.join('\n');
      }
      row.commit();
    }
    if (items.length < PAGE) break;
    after = items.at(-1)!.rowNumber;
  }
  sheet.commit();
  await wb.commit();
}
