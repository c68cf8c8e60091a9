// Settings of the exchange drop folders, kept as WorkflowSetting rows so an administrator changes
// them at run time: how often the folders are read, and how long a file must stay unchanged before it is
// read (a department's copy may still be running).
import type { Db } from '@/lib/db';

export const EXCHANGE_SETTINGS = [
  {
    key: 'exchange.dropFolder.intervalMinutes',
    label: '交换目录读取间隔（分钟）',
    description: '定时读取各部门交换目录中新文件的间隔',
    defaultValue: 5,
    min: 1,
    max: 1440,
  },
  {
    key: 'exchange.dropFolder.settleSeconds',
    label: '交换文件稳定等待（秒）',
    description: '文件最后修改后至少经过此时间才读取，避免读取尚未复制完的文件',
    defaultValue: 30,
    min: 0,
    max: 3600,
  },
] as const;

export type ExchangeSettingKey = (typeof EXCHANGE_SETTINGS)[number]['key'];

export const INTERVAL_KEY: ExchangeSettingKey = 'exchange.dropFolder.intervalMinutes';
export const SETTLE_KEY: ExchangeSettingKey = 'exchange.dropFolder.settleSeconds';

export async function exchangeSetting(db: Db, key: ExchangeSettingKey): Promise<number> {
  const def = EXCHANGE_SETTINGS.find((s) => s.key === key)!;
  const row = await db.workflowSetting.findUnique({ where: { key } });
  const value = typeof row?.value === 'number' ? row.value : def.defaultValue;
  return Math.min(def.max, Math.max(def.min, Math.round(value)));
}
