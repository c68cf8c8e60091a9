// The staff side of the CMS: write, edit, publish now, schedule, unpublish, add categories. The body is
// sanitized before it is stored; every change writes a revision (who changed what when) and an audit row,
// and the change and its revision are written together.
import { actorOf, writeAudit } from '@/lib/audit';
import type { CurrentUser } from '@/lib/auth/load-user';
import { db, Prisma, type ArticleStatus } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { imageIdsOf, sanitizeArticleHtml, textOf } from './sanitize';
import type { ArticleInput, StatusAction } from './schemas';
import { isPublic, shownStatus } from './status';

export interface CmsContext {
  actor: Pick<CurrentUser, 'id' | 'username' | 'displayName' | 'departmentId'>;
  ip: string | null;
}

const PAGE = 20;

async function checked(input: ArticleInput) {
  const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
  if (!textOf(bodyHtml) && imageIdsOf(bodyHtml).length === 0) throw new ValidationError('请填写正文');
  if (!(await db.articleCategory.findUnique({ where: { code: input.categoryCode } })))
    throw new ValidationError('栏目不存在');
  const images = [...imageIdsOf(bodyHtml), ...(input.coverImageId ? [input.coverImageId] : [])];
  if (images.length) {
    const found = await db.mediaImage.count({ where: { id: { in: images } } });
    if (found !== new Set(images).size) throw new ValidationError('正文或封面引用了不存在的图片，请重新上传');
  }
  return { ...input, bodyHtml };
}

async function record(
  tx: Prisma.TransactionClient,
  ctx: CmsContext,
  articleId: string,
  action: string,
  changes: Record<string, { from: unknown; to: unknown }>,
) {
  await tx.articleRevision.create({
    data: {
      articleId,
      userId: ctx.actor.id,
      userName: ctx.actor.displayName,
      action,
      changes: changes as Prisma.InputJsonValue,
    },
  });
}

async function audit(ctx: CmsContext, action: string, articleId: string, detail: Prisma.InputJsonValue) {
  await writeAudit(db, {
    ...actorOf(ctx.actor, ctx.ip),
    module: 'cms',
    action,
    objectType: 'Article',
    objectId: articleId,
    detail,
  });
}

export async function createArticle(ctx: CmsContext, input: ArticleInput) {
  const data = await checked(input);
  const article = await db.$transaction(async (tx) => {
    const a = await tx.article.create({
      data: { ...data, status: 'DRAFT', authorId: ctx.actor.id, authorName: ctx.actor.displayName },
    });
    const changes = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { from: null, to: v }]));
    await record(tx, ctx, a.id, 'create', changes);
    return a;
  });
  await audit(ctx, 'article.create', article.id, { title: article.title, category: article.categoryCode });
  return article;
}

export async function updateArticle(ctx: CmsContext, id: string, input: ArticleInput) {
  const data = await checked(input);
  const { article, changed } = await db.$transaction(async (tx) => {
    const before = await tx.article.findUnique({ where: { id } });
    if (!before) throw new NotFoundError('文章不存在');
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(data) as (keyof typeof data)[])
      if (before[key] !== data[key]) changes[key] = { from: before[key], to: data[key] };
    if (!Object.keys(changes).length) return { article: before, changed: [] as string[] };
    const a = await tx.article.update({ where: { id }, data });
    await record(tx, ctx, id, 'edit', changes);
    return { article: a, changed: Object.keys(changes) };
  });
  if (changed.length) await audit(ctx, 'article.update', id, { title: article.title, fields: changed });
  return article;
}

export async function changeStatus(ctx: CmsContext, id: string, action: StatusAction, now = new Date()) {
  const article = await db.$transaction(async (tx) => {
    // Locked so two clicks on 发布 cannot both pass the check.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Article" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!rows.length) throw new NotFoundError('文章不存在');
    const before = await tx.article.findUniqueOrThrow({ where: { id } });
    let status: ArticleStatus;
    let publishAt: Date | null;
    if (action.action === 'publish') {
      if (isPublic(before, now)) throw new ConflictError('文章已经发布');
      status = 'PUBLISHED';
      publishAt = now;
    } else if (action.action === 'schedule') {
      if (isPublic(before, now)) throw new ConflictError('文章已经发布，请先下线再定时发布');
      if (action.publishAt <= now) throw new ValidationError('定时发布的时间须晚于现在');
      status = 'SCHEDULED';
      publishAt = action.publishAt;
    } else {
      if (before.status !== 'PUBLISHED' && before.status !== 'SCHEDULED')
        throw new ConflictError('文章尚未发布，无需下线');
      status = 'UNPUBLISHED';
      publishAt = before.publishAt;
    }
    const a = await tx.article.update({ where: { id }, data: { status, publishAt } });
    await record(tx, ctx, id, action.action, {
      status: { from: before.status, to: status },
      publishAt: { from: before.publishAt, to: publishAt },
    });
    return a;
  });
  await audit(ctx, `article.${action.action}`, id, {
    title: article.title,
    status: article.status,
    publishAt: article.publishAt?.toISOString() ?? null,
  });
  return article;
}

export async function createCategory(ctx: CmsContext, input: { code: string; name: string; sortOrder: number }) {
  try {
    const c = await db.articleCategory.create({ data: input });
    await writeAudit(db, {
      ...actorOf(ctx.actor, ctx.ip),
      module: 'cms',
      action: 'category.create',
      objectType: 'ArticleCategory',
      objectId: c.code,
      detail: { name: c.name },
    });
    return c;
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw new ConflictError('栏目代码或名称已存在');
    throw e;
  }
}

export function listCategories() {
  return db.articleCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
}

export async function listArticles(filter: { category?: string; status?: ArticleStatus; q?: string; page: number }) {
  const now = new Date();
  // The filter is on the status staff see: 已发布 includes scheduled articles whose time has come.
  const statusWhere: Prisma.ArticleWhereInput | undefined =
    filter.status === 'PUBLISHED'
      ? { status: { in: ['PUBLISHED', 'SCHEDULED'] }, publishAt: { lte: now } }
      : filter.status === 'SCHEDULED'
        ? { status: 'SCHEDULED', publishAt: { gt: now } }
        : filter.status
          ? { status: filter.status }
          : undefined;
  const where: Prisma.ArticleWhereInput = {
    ...(filter.category ? { categoryCode: filter.category } : {}),
    ...(statusWhere ?? {}),
    ...(filter.q?.trim() ? { title: { contains: filter.q.trim(), mode: 'insensitive' } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * PAGE,
      take: PAGE,
      include: { category: true },
    }),
  ]);
  return {
    total,
    pageSize: PAGE,
    items: rows.map((a) => ({
      id: a.id,
      title: a.title,
      category: a.category.name,
      categoryCode: a.categoryCode,
      status: shownStatus(a, now),
      publishAt: a.publishAt,
      authorName: a.authorName,
      updatedAt: a.updatedAt,
    })),
  };
}

export async function getArticle(id: string) {
  const a = await db.article.findUnique({
    where: { id },
    include: { category: true, revisions: { orderBy: { at: 'desc' }, take: 50 } },
  });
  if (!a) throw new NotFoundError('文章不存在');
  return { ...a, shownStatus: shownStatus(a) };
}
