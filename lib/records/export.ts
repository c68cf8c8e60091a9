// Exports of credit records: the same rows, columns and masking as the records list and the
// subject view — scope, column grants, personal fields masked — written while they are read, a keyset page
// at a time, so a large export neither waits for the whole result nor holds it in memory. CSV (formula
// injection neutralised, lib/files/csv-safe.ts) or xlsx (exceljs's streaming writer). Capped at EXPORT_CAP
// rows with a closing line that says so; audited once with its filter.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { delimitedLine, neutraliseCell } from '@/lib/files/csv-safe';
import type { RecordFilter } from './record-filter';
import { filterDetail, listContext, present, recordPage, visibleColumns } from './scoped-records';

export const EXPORT_CAP = 100_000;
const CHUNK = 1000;

export type ExportFormat = 'csv' | 'xlsx';

export function capMessage(cap = EXPORT_CAP): string {
  return `导出已达上限${cap.toLocaleString('en-US')}行，其余记录未导出；请缩小筛选范围（如按部门或日期）后分批导出。`;
}

export async function exportScopedRecords(
  user: CurrentUser,
  catalogId: string,
  filter: RecordFilter,
  ip: string | null,
  format: ExportFormat = 'csv',
  cap = EXPORT_CAP,
): Promise<{ filename: string; contentType: string; stream: ReadableStream<Uint8Array> }> {
  const ctx = await listContext(user, catalogId, filter);
  const catalog = await db.catalog.findUniqueOrThrow({ where: { id: catalogId }, select: { name: true } });
  const full = await db.creditRecord.findFirst({ where: ctx.fullWhere, select: { id: true } });
  const columns = visibleColumns(user, ctx, full !== null);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'EXPORT',
    objectType: 'Catalog',
    objectId: catalogId,
    detail: { ...filterDetail(filter), format },
  });
  const head = ['提供部门', '主体名称', ...columns.map((c) => c.label), '决定日期', '公示状态', '入库时间'];

  async function* lines(): AsyncGenerator<string[]> {
    yield head;
    let cursor: string | undefined;
    let written = 0;
    for (;;) {
      const page = await recordPage(ctx, { after: cursor }, Math.min(CHUNK, cap - written));
      for (const row of page.rows) {
        const r = present(user, ctx, row);
        yield [
          r.providerDeptName,
          r.subjectName ?? '',
          ...columns.map((c) => (c.key in r.values ? r.values[c.key]! : '无权查看')),
          r.decisionDate ?? '',
          r.published ? '公示中' : r.hidden.map((h) => h.label).join('、'),
          r.createdAt.toISOString(),
        ];
      }
      written += page.rows.length;
      if (!page.next) return;
      if (written >= cap) {
        yield [capMessage(cap)];
        return;
      }
      cursor = page.next;
    }
  }

  const day = new Date().toISOString().slice(0, 10);
  const filename = `信用记录_${catalog.name}_${day}.${format}`;
  if (format === 'xlsx') {
    return {
      filename,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      stream: xlsxStream(lines()),
    };
  }
  return { filename, contentType: 'text/csv; charset=utf-8', stream: csvStream(lines()) };
}

function csvStream(rows: AsyncGenerator<string[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // A batch of lines per pull: one enqueue per row would cost more than the rows.
        const batch: string[] = [];
        for (let i = 0; i < CHUNK; i++) {
          const next = await rows.next();
          if (next.done) break;
          batch.push(`${delimitedLine(next.value)}\r\n`);
        }
        // The BOM makes Excel and WPS read the file as UTF-8.
        if (batch.length) controller.enqueue(encoder.encode(`${first ? '\uFEFF' : ''}${batch.join('')}`));
        first = false;
        if (batch.length < CHUNK) controller.close();
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

function xlsxStream(rows: AsyncGenerator<string[]>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet('信用记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  void (async () => {
    let header = true;
    for await (const values of rows) {
      const row = sheet.addRow(values.map(neutraliseCell));
      if (header) row.font = { bold: true };
      header = false;
      row.commit();
    }
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
