// What the public site shows of the CMS: published articles only (lib/cms/status.ts), read through publicDb.
// A draft, an article scheduled for later and an unpublished one are "not found" — the same answer as an id
// that never existed, so nothing tells the public that an unpublished article exists.
import 'server-only';
import { publicDb } from '@/lib/public/read-db';
import { imageSizes } from './media';
import { imageIdsOf, renderArticleHtml } from './sanitize';
import { publicArticleWhere } from './status';

export const PUBLIC_PAGE_SIZE = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function publicCategories() {
  return publicDb.articleCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
}

export interface PublicArticleSummary {
  id: string;
  title: string;
  summary: string;
  category: string;
  categoryCode: string;
  publishAt: Date;
  cover: { id: string; width: number; height: number } | null;
}

export async function listPublicArticles(opts: { category?: string; page?: number; take?: number }) {
  const take = opts.take ?? PUBLIC_PAGE_SIZE;
  const page = opts.page ?? 1;
  const where = { ...publicArticleWhere(), ...(opts.category ? { categoryCode: opts.category } : {}) };
  const [total, rows] = await Promise.all([
    publicDb.article.count({ where }),
    publicDb.article.findMany({
      where,
      orderBy: [{ publishAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * take,
      take,
      select: {
        id: true,
        title: true,
        summary: true,
        categoryCode: true,
        publishAt: true,
        category: { select: { name: true } },
        coverImage: { select: { id: true, width: true, height: true } },
      },
    }),
  ]);
  const items: PublicArticleSummary[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    category: r.category.name,
    categoryCode: r.categoryCode,
    publishAt: r.publishAt!,
    cover: r.coverImage,
  }));
  return { total, pages: Math.max(1, Math.ceil(total / take)), page, items };
}

export async function publicArticle(id: string) {
  if (!UUID.test(id)) return null;
  const a = await publicDb.article.findFirst({
    where: { id, ...publicArticleWhere() },
    select: {
      id: true,
      title: true,
      summary: true,
      bodyHtml: true,
      publishAt: true,
      updatedAt: true,
      categoryCode: true,
      category: { select: { name: true } },
      coverImage: { select: { id: true, width: true, height: true } },
    },
  });
  if (!a) return null;
  const sizes = await imageSizes(publicDb, imageIdsOf(a.bodyHtml));
  return { ...a, publishAt: a.publishAt!, html: renderArticleHtml(a.bodyHtml, sizes) };
}
