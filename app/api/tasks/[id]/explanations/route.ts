import { z } from 'zod';
import { ROWS_JSON_BODY_BYTES } from '@/lib/http/json-body';
import { withRoute } from '@/lib/http/route';
import { explainRowsSchema, submitExplanations } from '@/lib/suspects/explain';

// POST /api/tasks/[id]/explanations – explain why returned rows are right and ask the credit centre to accept
// them as they are (data:fix, own task)
export const POST = withRoute(
  {
    permission: 'data:fix',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: explainRowsSchema,
    maxBodyBytes: ROWS_JSON_BODY_BYTES,
  },
  async ({ user, params, body, ip }) => Response.json(await submitExplanations(user, params.id, body, ip)),
);
