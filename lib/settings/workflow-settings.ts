// Workflow settings that administrators change: deadlines in working days per human step.
import type { Db } from '@/lib/db';

export interface SettingDef {
  key: string;
  label: string;
  description: string;
  defaultValue: number;
}

export const WORKFLOW_SETTINGS: SettingDef[] = [
  {
    key: 'suspectFix.dueWorkdays',
    label: '置疑数据修复期限（工作日）',
    description: '部门收到置疑数据后应在此期限内修复并重新上报',
    defaultValue: 5,
  },
  {
    key: 'suspectFix.escalateAfterWorkdays',
    label: '置疑数据超期督办（工作日）',
    description: '超过修复期限后再经过此工作日数，上报信用中心督办',
    defaultValue: 3,
  },
];

export async function numberSetting(db: Db, key: string): Promise<number> {
  const row = await db.workflowSetting.findUnique({ where: { key } });
  const value = typeof row?.value === 'number' ? row.value : undefined;
  return value ?? WORKFLOW_SETTINGS.find((s) => s.key === key)?.defaultValue ?? 0;
}
