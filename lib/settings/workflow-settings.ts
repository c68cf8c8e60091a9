// Workflow settings that administrators change: deadlines in working days per human step. A task
// reads them when it is opened (lib/tasks/projection.ts), so a change applies to every task opened after
// it, in running workflows too; tasks already open keep the deadline they were given.
import { z } from 'zod';
import { actorOf, writeAudit } from '@/lib/audit';
import type { Db } from '@/lib/db';
import { ValidationError } from '@/lib/errors';

export interface SettingDef {
  key: string;
  label: string;
  description: string;
  defaultValue: number;
  /** Screen grouping: the human step the deadline belongs to. */
  group: string;
}

const deadlines = (
  prefix: string,
  group: string,
  due: [string, string, number],
  escalate: [string, string, number],
) => [
  { key: `${prefix}.dueWorkdays`, label: due[0], description: due[1], defaultValue: due[2], group },
  {
    key: `${prefix}.escalateAfterWorkdays`,
    label: escalate[0],
    description: escalate[1],
    defaultValue: escalate[2],
    group,
  },
];

export const WORKFLOW_SETTINGS: SettingDef[] = [
  ...deadlines(
    'suspectFix',
    '置疑数据修复（数据提供部门）',
    ['置疑数据修复期限（工作日）', '部门收到置疑数据后应在此期限内修复并重新上报', 5],
    ['置疑数据超期督办（工作日）', '超过修复期限后再经过此工作日数，上报信用中心督办', 3],
  ),
  ...deadlines(
    'suspectReview',
    '置疑说明确认（信用中心）',
    ['置疑说明确认期限（工作日）', '部门申请按原样入库后，信用中心应在此期限内同意或退回', 3],
    ['置疑说明超期督办（工作日）', '超过确认期限后再经过此工作日数，上报信用中心负责人督办', 2],
  ),
  ...deadlines(
    'centreFeedback',
    '中心反馈处理（数据提供部门）',
    ['中心反馈处理期限（工作日）', '部门收到信用中心反馈后应在此期限内更正或说明', 5],
    ['中心反馈超期督办（工作日）', '超过处理期限后再经过此工作日数，上报信用中心督办', 3],
  ),
  ...deadlines(
    'feedbackReview',
    '中心反馈办结（信用中心）',
    ['中心反馈办结期限（工作日）', '部门答复后，信用中心应在此期限内办结或退回', 3],
    ['中心反馈办结超期督办（工作日）', '超过办结期限后再经过此工作日数，上报信用中心负责人督办', 2],
  ),
];

/** A deadline is a whole number of working days; beyond a quarter of a year it is surely a typing error. */
export const MAX_WORKDAYS = 60;
const valueSchema = z.coerce
  .number({ error: '请输入数字' })
  .int('请输入整数')
  .min(1, '至少为1个工作日')
  .max(MAX_WORKDAYS, `不能超过${MAX_WORKDAYS}个工作日`);

export const settingsUpdateSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export async function numberSetting(db: Db, key: string): Promise<number> {
  const row = await db.workflowSetting.findUnique({ where: { key } });
  const value = typeof row?.value === 'number' ? row.value : undefined;
  return value ?? WORKFLOW_SETTINGS.find((s) => s.key === key)?.defaultValue ?? 0;
}

export interface SettingView extends SettingDef {
  value: number;
  updatedAt: Date | null;
}

export async function listWorkflowSettings(db: Db): Promise<SettingView[]> {
  const rows = await db.workflowSetting.findMany({ where: { key: { in: WORKFLOW_SETTINGS.map((s) => s.key) } } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return WORKFLOW_SETTINGS.map((s) => {
    const row = byKey.get(s.key);
    return {
      ...s,
      value: typeof row?.value === 'number' ? row.value : s.defaultValue,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/**
 * Saves the given deadlines after checking every one (positive whole working days); nothing is saved if
 * one is wrong. Unknown keys are refused. Each change is audited with its old and new value.
 */
export async function updateWorkflowSettings(
  db: Db,
  actor: { id: string; username: string; departmentId: string },
  input: Record<string, string | number>,
  ip: string | null,
): Promise<{ changed: string[] }> {
  const defs = new Map(WORKFLOW_SETTINGS.map((s) => [s.key, s]));
  const errors: { key: string; message: string }[] = [];
  const values = new Map<string, number>();
  for (const [key, raw] of Object.entries(input)) {
    if (!defs.has(key)) {
      errors.push({ key, message: '未知的流程参数' });
      continue;
    }
    const parsed = valueSchema.safeParse(typeof raw === 'string' ? raw.trim() : raw);
    if (parsed.success) values.set(key, parsed.data);
    else errors.push({ key, message: parsed.error.issues[0]?.message ?? '取值无效' });
  }
  if (errors.length) throw new ValidationError('部分流程参数取值无效，未保存', { fields: errors });

  const current = new Map((await listWorkflowSettings(db)).map((s) => [s.key, s.value]));
  const changed = [...values].filter(([key, v]) => current.get(key) !== v);
  await db.$transaction(
    changed.map(([key, value]) => {
      const def = defs.get(key)!;
      return db.workflowSetting.upsert({
        where: { key },
        create: { key, value, label: def.label, description: def.description, updatedById: actor.id },
        update: { value, updatedById: actor.id },
      });
    }),
  );
  for (const [key, value] of changed) {
    await writeAudit(db, {
      ...actorOf(actor, ip),
      module: 'admin',
      action: 'UPDATE',
      objectType: 'WorkflowSetting',
      objectId: key,
      detail: { before: current.get(key) ?? null, after: value },
    });
  }
  return { changed: changed.map(([key]) => key) };
}
