import { createArticle, listArticles } from '@/lib/cms/articles';
import { cmsContext } from '@/lib/cms/context';
import { articleInput, listQuery } from '@/lib/cms/schemas';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/content – articles for the CMS list, filtered (content:manage)
export const GET = withRoute({ permission: 'content:manage', query: listQuery }, async ({ query }) =>
  Response.json(await listArticles(query), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/content – a new draft (content:manage); the body is sanitized before it is stored
export const POST = withRoute(
  { permission: 'content:manage', body: articleInput, maxBodyBytes: 400_000 },
  async ({ user, ip, body }) => {
    const a = await createArticle(cmsContext(user, ip), body);
    return Response.json({ id: a.id, status: a.status, bodyHtml: a.bodyHtml }, { status: 201 });
  },
);
