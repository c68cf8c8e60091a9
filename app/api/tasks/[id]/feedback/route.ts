import { z } from 'zod';
import { feedbackResponseSchema, submitFeedbackResponse } from '@/lib/feedback/respond';
import { ROWS_JSON_BODY_BYTES } from '@/lib/http/json-body';
import { withRoute } from '@/lib/http/route';

// POST /api/tasks/[id]/feedback – the provider corrects or explains records of a centre feedback case
// (data:fix, own task)
export const POST = withRoute(
  {
    permission: 'data:fix',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: feedbackResponseSchema,
    maxBodyBytes: ROWS_JSON_BODY_BYTES,
  },
  async ({ user, params, body, ip }) => Response.json(await submitFeedbackResponse(user, params.id, body, ip)),
);
