import { z } from 'zod';
import { getArticle, updateArticle } from '@/lib/cms/articles';
import { cmsContext } from '@/lib/cms/context';
import { articleInput } from '@/lib/cms/schemas';
import { withRoute } from '@/lib/http/route';

const params = z.object({ id: z.uuid('文章编号无效') });

// GET /api/admin/content/[id] – one article with its revision history (content:manage)
export const GET = withRoute({ permission: 'content:manage', params }, async ({ params }) =>
  Response.json(await getArticle(params.id), { headers: { 'Cache-Control': 'no-store' } }),
);

// PUT /api/admin/content/[id] – edit; the status does not change (content:manage)
export const PUT = withRoute(
  { permission: 'content:manage', params, body: articleInput, maxBodyBytes: 400_000 },
  async ({ user, ip, params, body }) => {
    const a = await updateArticle(cmsContext(user, ip), params.id, body);
    return Response.json({ id: a.id, status: a.status, bodyHtml: a.bodyHtml });
  },
);
