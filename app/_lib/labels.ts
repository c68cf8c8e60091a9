// Chinese labels and badge tones of domain codes, in one place so the list, the detail and the live
// progress view never disagree.
import type { Tone } from '@/app/_components/Badge';

const BATCH_STATUS: Record<string, { label: string; tone: Tone }> = {
  RECEIVED: { label: '已接收', tone: 'slate' },
  PROCESSING: { label: '处理中', tone: 'blue' },
  RETURNED: { label: '已退回修复', tone: 'amber' },
  COMPLETED: { label: '已办结', tone: 'green' },
  FAILED: { label: '失败', tone: 'red' },
};

/** Statuses in which the batch can still change on its own, so the detail page keeps polling. */
export const ACTIVE_BATCH_STATUSES = ['RECEIVED', 'PROCESSING', 'RETURNED'];

export function batchStatus(status: string): { label: string; tone: Tone } {
  return BATCH_STATUS[status] ?? { label: status, tone: 'slate' };
}

const TASK_KIND: Record<string, string> = {
  SUSPECT_FIX: '置疑数据修复',
  SUSPECT_REVIEW: '置疑说明确认',
  CENTRE_FEEDBACK: '中心反馈处理',
  FEEDBACK_REVIEW: '中心反馈办结',
};

export function taskKindLabel(kind: string): string {
  return TASK_KIND[kind] ?? kind;
}

const TASK_STATUS: Record<string, { label: string; tone: Tone }> = {
  OPEN: { label: '办理中', tone: 'blue' },
  COMPLETED: { label: '已办结', tone: 'green' },
  CANCELLED: { label: '已取消', tone: 'slate' },
};

export function taskStatus(status: string): { label: string; tone: Tone } {
  return TASK_STATUS[status] ?? { label: status, tone: 'slate' };
}

export const SUSPECT_STATUS: Record<string, string> = {
  OPEN: '待修复',
  FIX_SUBMITTED: '复核中',
  FIXED: '已修复入库',
  EXPLAINED: '待中心确认',
  ACCEPTED: '已确认入库',
  WITHDRAWN: '已撤回',
};
