import { sendFeedback, sendFeedbackSchema } from '@/lib/feedback/send';
import { withRoute } from '@/lib/http/route';

// POST /api/records/feedback – the credit centre sends stored records back to their providing department with a
// reason (中心反馈); one case per department (data:review)
export const POST = withRoute({ permission: 'data:review', body: sendFeedbackSchema }, async ({ user, body, ip }) => {
  const sent = await sendFeedback(user, body, ip);
  // 202 when Temporal is away: the cases are kept and their workflows start by themselves (lib/workflow-starts.ts).
  return Response.json(sent, { status: sent.started ? 201 : 202 });
});
