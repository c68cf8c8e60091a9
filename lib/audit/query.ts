// The audit-log page: search by time, user, department, module, action, result, object and address,
// page through newest first, export what was found. Only the audit administrator reads the log (三权分立:
// audit:view, audit:export); a refused attempt is itself logged, so probing the log shows in the log.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import type { PermissionCode } from '@/lib/auth/permissions';
import { dayKeyOf, SHANGHAI_OFFSET_MS, shanghaiTimeOf } from '@/lib/calendar/workdays';
import { db, Prisma } from '@/lib/db';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { neutraliseCell } from '@/lib/files/csv-safe';

export const AUDIT_PAGE_SIZE = 50;
/** An export is capped: a larger extract is a matter for the database administrator, not a spreadsheet. */
const AUDIT_EXPORT_MAX = 100_000;
const EXPORT_PAGE = 2_000;

export const MODULE_LABELS: Record<string, string> = {
  auth: '登录认证',
  record: '信用记录',
  personal: '个人信息',
  data: '数据归集',
  catalog: '信息目录',
  admin: '系统管理',
  audit: '日志审计',
  stats: '统计分析',
  backup: '数据备份',
};
export const RESULT_LABELS: Record<string, string> = { OK: '成功', FAIL: '失败', DENIED: '拒绝' };

const blank = (v: unknown) => (v === '' ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).optional());
const date = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
);

export const auditQuerySchema = z.object({
  from: date,
  to: date,
  username: text(64),
  deptId: z.preprocess(blank, z.uuid().optional()),
  module: text(32),
  action: text(64),
  result: z.preprocess(blank, z.enum(['OK', 'FAIL', 'DENIED']).optional()),
  objectType: text(64),
  objectId: text(200),
  ip: text(64),
  /** Keyset paging: rows with a smaller id than this (newest first). */
  before: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
  ),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditRowView {
  id: string;
  at: Date;
  username: string | null;
  deptName: string | null;
  ip: string | null;
  module: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  detail: string | null;
}

/** Checks the permission; a refusal is written to the log before it is thrown. */
export async function requireAuditPermission(
  user: CurrentUser,
  permission: PermissionCode,
  ip: string | null,
  action = 'READ',
): Promise<void> {
  if (user.permissions.has(permission)) return;
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'audit',
    action,
    objectType: 'AuditLog',
    result: 'DENIED',
    detail: { needs: permission },
  });
  throw new ForbiddenError('只有审计管理员可以查看和导出审计日志');
}

/** The WHERE clause of a search; dates are Beijing calendar days. */
function auditWhere(q: AuditQuery): Prisma.Sql {
  const c: Prisma.Sql[] = [];
  const utc = (day: string, plusDays: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + plusDays * 86_400_000).toISOString();
  if (q.from && q.to && q.from > q.to) throw new ValidationError('开始日期不能晚于结束日期');
  if (q.from) c.push(Prisma.sql`l."at" >= (${utc(q.from, 0)}::timestamptz AT TIME ZONE 'UTC')`);
  if (q.to) c.push(Prisma.sql`l."at" < (${utc(q.to, 1)}::timestamptz AT TIME ZONE 'UTC')`);
  if (q.username) c.push(Prisma.sql`l.username = ${q.username}`);
  if (q.deptId) c.push(Prisma.sql`l."deptId" = ${q.deptId}::uuid`);
  if (q.module) c.push(Prisma.sql`l.module = ${q.module}`);
  if (q.action) c.push(Prisma.sql`l.action = ${q.action.toUpperCase()}`);
  if (q.result) c.push(Prisma.sql`l.result = ${q.result}`);
  if (q.objectType) c.push(Prisma.sql`l."objectType" = ${q.objectType}`);
  if (q.objectId) c.push(Prisma.sql`l."objectId" = ${q.objectId}`);
  if (q.ip) c.push(Prisma.sql`l.ip = ${q.ip}`);
  if (q.before) c.push(Prisma.sql`l.id < ${q.before}::bigint`);
  return c.length ? Prisma.sql`WHERE ${Prisma.join(c, ' AND ')}` : Prisma.empty;
}

async function page(q: AuditQuery, limit: number): Promise<AuditRowView[]> {
  const rows = await db.$queryRaw<(Omit<AuditRowView, 'at' | 'detail'> & { at: string; detail: unknown })[]>`
    SELECT l.id::text AS id, to_char(l."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, l.username,
      d.name AS "deptName", l.ip, l.module, l.action, l."objectType", l."objectId", l.result, l.detail
    FROM "AuditLog" l LEFT JOIN "Department" d ON d.id = l."deptId"
    ${auditWhere(q)}
    ORDER BY l.id DESC LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, at: new Date(r.at), detail: r.detail == null ? null : JSON.stringify(r.detail) }));
}

/** One page of the log, newest first, and the cursor of the next page (null on the last). */
export async function searchAuditLog(
  user: CurrentUser,
  q: AuditQuery,
  ip: string | null,
): Promise<{ rows: AuditRowView[]; nextBefore: string | null }> {
  await requireAuditPermission(user, 'audit:view', ip);
  const rows = await page(q, AUDIT_PAGE_SIZE + 1);
  const more = rows.length > AUDIT_PAGE_SIZE;
  if (more) rows.pop();
  return { rows, nextBefore: more ? rows[rows.length - 1]!.id : null };
}

const COLUMNS: [keyof AuditRowView, string, number][] = [
  ['id', '序号', 10],
  ['at', '时间（北京时间）', 22],
  ['username', '用户', 16],
  ['deptName', '部门', 26],
  ['ip', 'IP 地址', 16],
  ['module', '模块', 12],
  ['action', '操作', 18],
  ['objectType', '对象类型', 16],
  ['objectId', '对象', 38],
  ['result', '结果', 8],
  ['detail', '详情', 60],
];

/** The search result as an xlsx stream, newest first, up to AUDIT_EXPORT_MAX rows; the export is logged. */
export async function exportAuditLog(
  user: CurrentUser,
  q: AuditQuery,
  ip: string | null,
): Promise<{ filename: string; stream: Readable }> {
  await requireAuditPermission(user, 'audit:export', ip, 'EXPORT');
  auditWhere(q); // refuses a bad period before anything is written
  const { before: _ignored, ...filter } = q;
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'audit',
    action: 'EXPORT',
    objectType: 'AuditLog',
    detail: filter,
  });
  const out = new PassThrough();
  writeWorkbook(out, filter).catch((err: unknown) => out.destroy(err as Error));
  const stamp = dayKeyOf(Date.now());
  return { filename: `审计日志_${q.from ?? '全部'}_${q.to ?? stamp}.xlsx`, stream: out };
}

async function writeWorkbook(out: PassThrough, q: AuditQuery): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '信用武陟';
  const sheet = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([key, , width]) => ({ key, width }));
  const header = sheet.addRow(COLUMNS.map(([, label]) => label));
  header.font = { bold: true };
  header.commit();
  let before = q.before;
  for (let written = 0; written < AUDIT_EXPORT_MAX;) {
    const rows = await page({ ...q, before }, Math.min(EXPORT_PAGE, AUDIT_EXPORT_MAX - written));
    for (const r of rows) sheet.addRow(COLUMNS.map(([key]) => cell(r, key))).commit();
    written += rows.length;
    if (rows.length < EXPORT_PAGE) break;
    before = rows[rows.length - 1]!.id;
  }
  sheet.commit();
  await wb.commit();
}

function cell(r: AuditRowView, key: keyof AuditRowView): string | number {
  if (key === 'id') return Number(r.id);
  if (key === 'at') return shanghaiTimeOf(r.at).replace('T', ' ');
  if (key === 'module') return MODULE_LABELS[r.module] ?? neutraliseCell(r.module);
  if (key === 'result') return RESULT_LABELS[r.result] ?? neutraliseCell(r.result);
  const v = r[key];
  return v == null ? '' : neutraliseCell(String(v));
}
