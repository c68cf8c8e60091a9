import { z } from 'zod';
import { testSourceConnection } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/exchange/sources/:id/test – 测试连接; the answer is also kept as the node's health
export const POST = withRoute({ params: z.object({ id: z.string().uuid() }) }, async ({ user, ip, params }) =>
  Response.json(await testSourceConnection({ actor: user, ip }, params.id)),
);
