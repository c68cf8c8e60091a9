import type { Tone } from '@/app/_components/Badge';

export const BACKUP_STATUS: Record<string, [string, Tone]> = {
  RUNNING: ['进行中', 'blue'],
  SUCCEEDED: ['成功', 'green'],
  FAILED: ['失败', 'red'],
};

export const OFFSITE_STATUS: Record<string, [string, Tone]> = {
  PENDING: ['待复制', 'slate'],
  NOT_CONFIGURED: ['未配置异地', 'amber'],
  VERIFIED: ['已复制并校验', 'green'],
  FAILED: ['复制失败', 'red'],
};

export const DRILL_STATUS: Record<string, [string, Tone]> = {
  RUNNING: ['演练中', 'blue'],
  PASSED: ['通过', 'green'],
  FAILED: ['未通过', 'red'],
};

export const TRIGGER: Record<string, string> = { SCHEDULE: '定时', MANUAL: '手动' };
