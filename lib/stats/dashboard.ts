// Statistics: batches, rows, valid, duplicate, suspect, fixed and overdue per department, catalog and
// period, records stored and queries made — always within the viewer's data scope: a department
// leader sees their own department and its subunits, the credit centre sees all.
import { canSeeDept, type CurrentUser } from '@/lib/auth/load-user';
import { db } from '@/lib/db';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { bucketLabel, periodBuckets, resolveFilter, type StatsFilter, type StatsQuery } from './filter';
import { zeroCounts, type Counts, type StatsRow } from './metrics';
import { batchSource, overdueSource, querySource, recordSource, SET, type SourceRow } from './sources';

export interface Stats {
  filter: StatsFilter;
  totals: Counts;
  byDepartment: StatsRow[];
  byCatalog: StatsRow[];
  byPeriod: StatsRow[];
  /** Choices for the filter form: the departments and catalogs this viewer may pick. */
  options: { departments: { id: string; name: string }[]; catalogs: { id: string; name: string }[] };
}

/** Label of the catalog group of tasks that are about no batch (feedback cases and the like). */
const NO_CATALOG = '其他（非归集任务）';

export async function getStats(user: CurrentUser, query: StatsQuery, now = new Date()): Promise<Stats> {
  if (!user.permissions.has('stats:view')) throw new ForbiddenError();
  const filter = resolveFilter(query, now);
  // A department outside the scope is "not found", as everywhere else: its existence is not confirmed.
  if (filter.deptId && !canSeeDept(user, filter.deptId)) throw new NotFoundError('部门不存在或无权查看');
  const scope = user.visibleDeptIds;
  const [departments, catalogs, ...sources] = await Promise.all([
    db.department.findMany({
      where: scope ? { id: { in: scope } } : {},
      orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
      select: { id: true, name: true },
    }),
    db.catalog.findMany({
      orderBy: { code: 'asc' },
      select: { id: true, name: true, providers: { select: { departmentId: true } } },
    }),
    batchSource(filter, scope),
    overdueSource(filter, scope),
    recordSource(filter, scope),
    querySource(filter, scope),
  ]);
  if (filter.catalogId && !catalogs.some((c) => c.id === filter.catalogId)) throw new NotFoundError('目录不存在');
  const rows = sources.flat();

  const deptRows = departments
    .filter((d) => !filter.deptId || d.id === filter.deptId)
    .map((d) => row(d.id, d.name, rows, SET.dept, 'dept'));
  const visibleCatalogs = catalogs.filter(
    (c) =>
      (!filter.catalogId || c.id === filter.catalogId) &&
      (scope === null || c.providers.some((p) => scope.includes(p.departmentId)) || hasAny(rows, 'catalog', c.id)),
  );
  const catalogRows = visibleCatalogs.map((c) => row(c.id, c.name, rows, SET.catalog, 'catalog'));
  const uncatalogued = row(null, NO_CATALOG, rows, SET.catalog, 'catalog');
  if (!filter.catalogId && uncatalogued.overdue > 0) catalogRows.push(uncatalogued);
  const periodRows = periodBuckets(filter).map((k) =>
    row(k, bucketLabel(k, filter.granularity), rows, SET.period, 'period'),
  );
  const { key: _key, label: _label, ...totals } = row(null, '合计', rows, SET.total, 'dept');

  return {
    filter,
    totals,
    byDepartment: deptRows,
    byCatalog: catalogRows,
    byPeriod: periodRows,
    options: {
      departments: departments.map(({ id, name }) => ({ id, name })),
      catalogs: catalogs
        .filter((c) => scope === null || c.providers.some((p) => scope.includes(p.departmentId)))
        .map(({ id, name }) => ({ id, name })),
    },
  };
}

function row(
  key: string | null,
  label: string,
  rows: SourceRow[],
  set: number,
  dim: 'dept' | 'catalog' | 'period',
): StatsRow {
  const counts = zeroCounts();
  for (const r of rows) {
    if (r.g !== set || (set !== SET.total && r[dim] !== key)) continue;
    for (const [metric, value] of Object.entries(r.counts)) counts[metric as keyof Counts] += value ?? 0;
  }
  return { key: key ?? '', label, ...counts };
}

function hasAny(rows: SourceRow[], dim: 'catalog', key: string): boolean {
  return rows.some((r) => r.g === SET.catalog && r[dim] === key);
}
