import { z } from 'zod';
import { decideFeedback, feedbackDecisionSchema } from '@/lib/feedback/close';
import { withRoute } from '@/lib/http/route';

// POST /api/tasks/[id]/feedback/decision – the credit centre closes a feedback case or returns records to
// the provider with a comment (data:review, centre task)
export const POST = withRoute(
  { permission: 'data:review', params: z.object({ id: z.string().min(1).max(200) }), body: feedbackDecisionSchema },
  async ({ user, params, body, ip }) => Response.json(await decideFeedback(user, params.id, body, ip)),
);
