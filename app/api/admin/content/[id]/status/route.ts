import { z } from 'zod';
import { changeStatus } from '@/lib/cms/articles';
import { cmsContext } from '@/lib/cms/context';
import { statusAction } from '@/lib/cms/schemas';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/content/[id]/status – publish now, schedule or unpublish (content:manage)
export const POST = withRoute(
  { permission: 'content:manage', params: z.object({ id: z.uuid('文章编号无效') }), body: statusAction },
  async ({ user, ip, params, body }) => {
    const a = await changeStatus(cmsContext(user, ip), params.id, body);
    return Response.json({ id: a.id, status: a.status, publishAt: a.publishAt });
  },
);
