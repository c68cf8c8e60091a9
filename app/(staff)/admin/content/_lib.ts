import type { Tone } from '@/app/_components/Badge';
import type { ArticleStatus } from '@/lib/db';

export const STATUS_TONE: Record<ArticleStatus, Tone> = {
  DRAFT: 'slate',
  SCHEDULED: 'amber',
  PUBLISHED: 'green',
  UNPUBLISHED: 'red',
};

export const fmtTime = (d: Date | null) =>
  d ? d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).replace(/\//g, '-').slice(0, 16) : '—';
