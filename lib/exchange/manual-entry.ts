// Manual entry: rows typed into a form become one batch of the ordinary import. The rows are
// checked here with the same checkRow the form runs in the browser; one bad row refuses the whole
// submission with per-row reasons. Good rows are written as an xlsx file to the store and go through
// createBatchFromUpload, so lineage, deduplication, 关联比对 and the suspect loop are the upload's own.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/load-user';
import { createBatchFromUpload, type CreatedBatch } from '@/lib/batches/create-batch';
import { shanghaiTimeOf } from '@/lib/calendar/workdays';
import { checkRow } from '@/lib/catalog/check-row';
import { matchHeaders } from '@/lib/catalog/headers';
import { naturalKeyOf } from '@/lib/catalog/keys';
import { currentVersionId, loadCatalogDef } from '@/lib/catalog/load';
import { rowValuesSchema } from '@/lib/catalog/row-values';
import type { CatalogDef, Problem, RowValues } from '@/lib/catalog/types';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { isStartPending, START_DEFERRED_NOTICE } from '@/lib/workflow-starts';
import { withStoredUpload } from '@/lib/files/refusal';

const MAX_ENTRY_ROWS = 500;

export const manualEntrySchema = z.object({
  /** Chosen by the form once per session list: a repeated 提交 answers with the batch already created. */
  submissionId: z.uuid(),
  rows: z
    .array(rowValuesSchema(10_000))
    .min(1, '请至少录入一行')
    .max(MAX_ENTRY_ROWS, `一次最多提交${MAX_ENTRY_ROWS}行`),
});
export type ManualEntryInput = z.infer<typeof manualEntrySchema>;

export interface RowProblems {
  /** 1-based position in the submitted list. */
  row: number;
  problems: Problem[];
}

/** The catalogs this user's department provides and can enter rows for (a published version exists). */
export async function entryCatalogs(user: CurrentUser) {
  if (!user.permissions.has('data:import')) throw new ForbiddenError();
  return db.catalog.findMany({
    where: {
      providers: { some: { departmentId: user.departmentId } },
      versions: { some: { status: 'PUBLISHED' } },
    },
    select: { code: true, name: true, category: true, description: true },
    orderBy: { code: 'asc' },
  });
}

/** The definition the form is generated from; refused for a catalog the department does not provide. */
export async function entryDefinition(user: CurrentUser, catalogCode: string): Promise<CatalogDef> {
  if (!user.permissions.has('data:import')) throw new ForbiddenError();
  const catalog = await db.catalog.findUnique({ where: { code: catalogCode }, include: { providers: true } });
  if (!catalog) throw new NotFoundError('信用信息目录不存在');
  if (!catalog.providers.some((p) => p.departmentId === user.departmentId))
    throw new ForbiddenError(`本部门不是目录“${catalog.name}”的数据提供部门`);
  return loadCatalogDef(db, await currentVersionId(db, catalogCode));
}

export async function submitManualEntry(opts: {
  user: CurrentUser;
  catalogCode: string;
  input: ManualEntryInput;
  ip: string | null;
  taskQueue?: string;
}): Promise<CreatedBatch> {
  const { user, catalogCode } = opts;
  const input = manualEntrySchema.parse(opts.input);
  const def = await entryDefinition(user, catalogCode);
  // A resubmission is the same user sending the same session list (the whole id) to the same catalog.
  const earlier = await db.importBatch.findFirst({
    where: {
      source: 'MANUAL',
      createdById: user.id,
      submissionId: input.submissionId,
      catalogVersion: { catalogId: def.catalogId },
    },
    select: { id: true, number: true, workflowId: true },
  });
  if (earlier) {
    const started = !(await isStartPending(earlier.workflowId));
    return { id: earlier.id, number: earlier.number, started, ...(started ? {} : { notice: START_DEFERRED_NOTICE }) };
  }

  const values = checkAll(def, input.rows);
  const stamp = shanghaiTimeOf(Date.now()).slice(0, 16).replace(/\D/g, '');
  const tag = input.submissionId.slice(0, 8);
  const batch = await withStoredUpload(Readable.from(await entryWorkbook(def, values)), (upload) =>
    createBatchFromUpload({
      user,
      catalogCode,
      originalName: `手工录入_${def.name}_${stamp}_${tag}.xlsx`,
      upload,
      ip: opts.ip,
      source: 'MANUAL',
      taskQueue: opts.taskQueue,
    }),
  );
  await db.importBatch.update({
    where: { id: batch.id },
    data: { expectedRows: values.length, submissionId: input.submissionId },
  });
  return batch;
}

/** The normalised values of every row, or a ValidationError listing each bad row's problems. */
function checkAll(def: CatalogDef, rows: RowValues[], today = new Date()): RowValues[] {
  const known = new Set(def.fields.map((f) => f.key));
  const failures: RowProblems[] = [];
  const firstByKey = new Map<string, number>();
  const values = rows.map((raw, i) => {
    const unknown = Object.keys(raw).filter((k) => !known.has(k));
    const checked = checkRow(def, raw, { today });
    const problems = [...checked.problems];
    if (unknown.length)
      problems.push({ field: null, code: 'UNKNOWN_FIELD', message: `目录中没有字段：${unknown.join('、')}` });
    const key = problems.length ? null : naturalKeyOf(def, checked.values);
    if (key && firstByKey.has(key))
      problems.push({ field: null, code: 'DUPLICATE', message: `与第 ${firstByKey.get(key)} 行是同一条记录` });
    else if (key) firstByKey.set(key, i + 1);
    if (problems.length) failures.push({ row: i + 1, problems });
    return checked.values;
  });
  if (failures.length) throw new ValidationError(`有 ${failures.length} 行未通过校验，本次未提交`, { rows: failures });
  return values;
}

/**
 * One sheet: a header row, then the rows as text cells (never formulas, so nothing typed is executed when
 * the stored file is opened). Headers are the field labels when the import maps each back to its own field.
 */
async function entryWorkbook(def: CatalogDef, rows: RowValues[]): Promise<Buffer> {
  const labels = def.fields.map((f) => f.label);
  const unambiguous = def.fields.every((f, i) => matchHeaders(def, labels).columns.get(i) === f.key);
  const wb = new ExcelJS.Workbook();
  wb.creator = '信用武陟';
  const sheet = wb.addWorksheet(def.name.slice(0, 31));
  sheet.addRow(unambiguous ? labels : def.fields.map((f) => f.key));
  for (const row of rows) sheet.addRow(def.fields.map((f) => row[f.key] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
