import { z } from 'zod';
import { ROWS_JSON_BODY_BYTES } from '@/lib/http/json-body';
import { withRoute } from '@/lib/http/route';
import { reviewDecisionsSchema, submitReview } from '@/lib/suspects/review';

// POST /api/tasks/[id]/review – the credit centre accepts explained rows (stored as is) or returns them to
// the provider with a comment (data:review, centre task)
export const POST = withRoute(
  {
    permission: 'data:review',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: reviewDecisionsSchema,
    maxBodyBytes: ROWS_JSON_BODY_BYTES,
  },
  async ({ user, params, body, ip }) => Response.json(await submitReview(user, params.id, body, ip)),
);
