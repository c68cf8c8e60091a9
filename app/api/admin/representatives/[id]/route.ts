import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { decideRepresentation } from '@/lib/public-accounts/representation';

const params = z.object({ id: z.string().uuid('申请编号格式错误') });
const body = z.object({
  decision: z.enum(['CONFIRM', 'REJECT']),
  reason: z.string().max(500, '理由不能超过500字').nullish(),
});

/** Staff confirm or reject a declared representation (exactly one decision wins). */
export const POST = withRoute(
  { permission: 'subject:confirm-representative', params, body },
  async ({ user, params, body, ip }) => {
    await decideRepresentation(user, params.id, body.decision, body.reason ?? null, ip);
    return Response.json({ ok: true });
  },
);
