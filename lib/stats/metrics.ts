// The figures of the statistics dashboard and what each one counts. Pure data: the page, its client
// charts and the xlsx export all label them from here, so the screen and the file always agree.

export const METRICS = [
  'batches',
  'rows',
  'valid',
  'duplicate',
  'suspect',
  'fixed',
  'overdue',
  'records',
  'late',
  'queries',
] as const;
export type Metric = (typeof METRICS)[number];
export type Counts = Record<Metric, number>;

export const METRIC_LABELS: Record<Metric, string> = {
  batches: '归集批次',
  rows: '上报行数',
  valid: '有效行数',
  duplicate: '重复行数',
  suspect: '置疑行数',
  fixed: '已修复',
  overdue: '超期任务',
  records: '入库记录',
  late: '迟报记录',
  queries: '查询次数',
};

export const METRIC_HINTS: Record<Metric, string> = {
  batches: '期间内创建的归集批次数',
  rows: '批次读取的数据行数',
  valid: '通过校验的行数（新入库、更新与重复之和）',
  duplicate: '与已有记录完全相同的行数',
  suspect: '未通过校验、退回部门修复的行数',
  fixed: '置疑行经修复后入库的行数',
  overdue: '截止时间在期间内、超期未办或超期办结的待办任务数',
  records: '期间内新入库的信用记录数',
  late: '新入库记录中超过报送时限（双公示：决定后 7 个工作日）才报送的记录数',
  queries: '信用记录与个人信息的查询、查看次数（审计日志）',
};

export const zeroCounts = (): Counts => Object.fromEntries(METRICS.map((m) => [m, 0])) as Counts;

export interface StatsRow extends Counts {
  key: string;
  label: string;
}
