import { z } from 'zod';
import { setFlowEnabled } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

// PUT /api/admin/exchange/flows/:id/enabled – 启用 (only after a passed preview: 409 otherwise) / 停用
export const PUT = withRoute(
  { params: z.object({ id: z.string().uuid() }), body: z.object({ enabled: z.boolean() }) },
  async ({ user, ip, params, body }) =>
    Response.json(await setFlowEnabled({ actor: user, ip }, params.id, body.enabled)),
);
