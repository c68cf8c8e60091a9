// When an article is public, as one rule for the public query and the staff list: PUBLISHED or SCHEDULED with
// publishAt passed. The public query compares with now(), so a scheduled article appears without any job.
import type { ArticleStatus, Prisma } from '@/lib/db';

export function publicArticleWhere(now = new Date()): Prisma.ArticleWhereInput {
  return { status: { in: ['PUBLISHED', 'SCHEDULED'] }, publishAt: { lte: now } };
}

export function isPublic(a: { status: ArticleStatus; publishAt: Date | null }, now = new Date()): boolean {
  return (a.status === 'PUBLISHED' || a.status === 'SCHEDULED') && !!a.publishAt && a.publishAt <= now;
}

export type ShownStatus = ArticleStatus;

/** The status staff see: a scheduled article whose time has come is shown as published. */
export function shownStatus(a: { status: ArticleStatus; publishAt: Date | null }, now = new Date()): ShownStatus {
  return isPublic(a, now) ? 'PUBLISHED' : a.status;
}

export const STATUS_LABEL: Record<ArticleStatus, string> = {
  DRAFT: '草稿',
  SCHEDULED: '定时发布',
  PUBLISHED: '已发布',
  UNPUBLISHED: '已下线',
};
