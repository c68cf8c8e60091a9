// The statistics as an xlsx: the same figures as the dashboard, one sheet per dimension plus a
// summary with the filter. Written through the audit log (an export is an audited action, R-7.6).
import ExcelJS from 'exceljs';
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { neutraliseCell } from '@/lib/files/csv-safe';
import { getStats, type Stats } from './dashboard';
import type { StatsQuery } from './filter';
import { METRIC_LABELS, METRICS, type StatsRow } from './metrics';

const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const GRANULARITY_LABEL = { day: '按日', week: '按周', month: '按月' } as const;

export async function exportStats(
  user: CurrentUser,
  query: StatsQuery,
  ip: string | null,
): Promise<{ filename: string; buffer: Buffer }> {
  const stats = await getStats(user, query);
  await writeAudit(db, {
    ...actorOf(user, ip),
    module: 'stats',
    action: 'EXPORT',
    objectType: 'Statistics',
    detail: {
      from: stats.filter.from,
      to: stats.filter.to,
      deptId: stats.filter.deptId ?? null,
      catalogId: stats.filter.catalogId ?? null,
    },
  });
  const buffer = Buffer.from(await workbook(stats).xlsx.writeBuffer());
  return { filename: `统计分析_${stats.filter.from}_${stats.filter.to}.xlsx`, buffer };
}

function workbook(stats: Stats): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '信用武陟';
  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 16 }, { width: 40 }];
  const dept = stats.options.departments.find((d) => d.id === stats.filter.deptId)?.name ?? '全部';
  const catalog = stats.options.catalogs.find((c) => c.id === stats.filter.catalogId)?.name ?? '全部';
  const info: [string, string | number][] = [
    ['统计期间', `${stats.filter.from} 至 ${stats.filter.to}`],
    ['部门', dept],
    ['信息目录', catalog],
    ['时间粒度', GRANULARITY_LABEL[stats.filter.granularity]],
    ...METRICS.map((m): [string, number] => [METRIC_LABELS[m], stats.totals[m]]),
  ];
  for (const [k, v] of info) summary.addRow([k, typeof v === 'string' ? neutraliseCell(v) : v]);
  table(wb, '按部门', '部门', stats.byDepartment);
  table(wb, '按目录', '信息目录', stats.byCatalog);
  table(wb, '按时间', '期间', stats.byPeriod);
  return wb;
}

function table(wb: ExcelJS.Workbook, name: string, dimension: string, rows: StatsRow[]): void {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 32 }, ...METRICS.map(() => ({ width: 12 }))];
  const header = sheet.addRow([dimension, ...METRICS.map((m) => METRIC_LABELS[m])]);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEAD;
  });
  for (const r of rows) sheet.addRow([neutraliseCell(r.label), ...METRICS.map((m) => r[m])]);
}
