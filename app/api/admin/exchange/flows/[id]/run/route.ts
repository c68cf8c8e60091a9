import { z } from 'zod';
import { runFlowNow } from '@/lib/exchange/flows';
import { START_DEFERRED_NOTICE } from '@/lib/workflow-starts';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/exchange/flows/:id/run – 立即运行, or 重试 ({ retry: true }, which also lifts a stop)
export const POST = withRoute(
  { params: z.object({ id: z.string().uuid() }), body: z.object({ retry: z.boolean().optional() }).default({}) },
  async ({ user, ip, params, body }) => {
    const run = await runFlowNow({ actor: user, ip }, params.id, { retry: body?.retry });
    return Response.json(run.started ? run : { ...run, notice: START_DEFERRED_NOTICE }, { status: 202 });
  },
);
