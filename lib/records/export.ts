// Exports of credit records: the same rows, columns and masking as the records list and the
// subject view — scope, column grants, personal fields masked — written as CSV while it is read, a keyset
// page at a time, so a large export neither waits for the whole result nor holds it in memory. Capped at
// EXPORT_CAP rows with a closing line that says so; audited once with its filter.
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { delimitedLine } from '@/lib/files/csv-safe';
import type { RecordFilter } from './record-filter';
import { filterDetail, listContext, present, recordPage, visibleColumns } from './scoped-records';

export const EXPORT_CAP = 100_000;
const CHUNK = 1000;

export function capMessage(cap = EXPORT_CAP): string {
  return `导出已达上限${cap.toLocaleString('en-US')}行，其余记录未导出；请缩小筛选范围（如按部门或日期）后分批导出。`;
}

export async function exportScopedRecordsCsv(
  user: CurrentUser,
  catalogId: string,
  filter: RecordFilter,
  ip: string | null,
  cap = EXPORT_CAP,
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const ctx = await listContext(user, catalogId, filter);
  const catalog = await db.catalog.findUniqueOrThrow({ where: { id: catalogId }, select: { code: true, name: true } });
  const full = await db.creditRecord.findFirst({ where: ctx.fullWhere, select: { id: true } });
  const columns = visibleColumns(user, ctx, full !== null);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'record',
    action: 'EXPORT',
    objectType: 'Catalog',
    objectId: catalogId,
    detail: { ...filterDetail(filter), format: 'csv' },
  });

  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let written = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          // The BOM makes Excel and WPS read the file as UTF-8.
          const head = ['提供部门', '主体名称', ...columns.map((c) => c.label), '决定日期', '公示状态', '入库时间'];
          controller.enqueue(encoder.encode(`\uFEFF${delimitedLine(head)}\r\n`));
          return;
        }
        const size = Math.min(CHUNK, cap - written);
        const page = await recordPage(ctx, { after: cursor }, size);
        const lines = page.rows.map((row) => {
          const r = present(user, ctx, row);
          return delimitedLine([
            r.providerDeptName,
            r.subjectName ?? '',
            ...columns.map((c) => (c.key in r.values ? r.values[c.key]! : '无权查看')),
            r.decisionDate ?? '',
            r.published ? '公示中' : r.hidden.map((h) => h.label).join('、'),
            r.createdAt.toISOString(),
          ]);
        });
        written += page.rows.length;
        if (lines.length) controller.enqueue(encoder.encode(lines.map((l) => `${l}\r\n`).join('')));
        cursor = page.next ?? undefined;
        if (!page.next) return controller.close();
        if (written >= cap) {
          controller.enqueue(encoder.encode(`${delimitedLine([capMessage(cap)])}\r\n`));
          controller.close();
        }
      } catch (err) {
        controller.error(err);
      }
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `信用记录_${catalog.name}_${day}.csv`, stream };
}
