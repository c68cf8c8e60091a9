// What the CMS routes accept (zod at the boundary); messages are the ones a staff member reads.
import { z } from 'zod';

export const ARTICLE_STATUSES = ['DRAFT', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED'] as const;

export const articleInput = z.object({
  categoryCode: z.string().trim().min(1, '请选择栏目').max(40),
  title: z.string().trim().min(1, '请填写标题').max(120, '标题不超过 120 字'),
  summary: z.string().trim().max(300, '摘要不超过 300 字').default(''),
  bodyHtml: z.string().max(200_000, '正文过长'),
  coverImageId: z.uuid('封面图片无效').nullable().default(null),
});
export type ArticleInput = z.infer<typeof articleInput>;

export const statusAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('publish') }),
  z.object({ action: z.literal('unpublish') }),
  z.object({ action: z.literal('schedule'), publishAt: z.coerce.date({ message: '请填写有效的发布时间' }) }),
]);
export type StatusAction = z.infer<typeof statusAction>;

export const categoryInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,29}$/, '栏目代码只能用小写字母、数字和连字符，以字母开头，2 至 30 位'),
  name: z.string().trim().min(2, '栏目名称至少 2 个字').max(20, '栏目名称不超过 20 个字'),
  sortOrder: z.coerce.number().int().min(0).max(9999).default(100),
});

export const listQuery = z.object({
  category: z.string().max(40).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number({ message: '页码无效' }).int('页码无效').min(1, '页码无效').max(10_000, '页码无效').default(1),
});
