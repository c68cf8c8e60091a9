import { z } from 'zod';
import { ROWS_JSON_BODY_BYTES } from '@/lib/http/json-body';
import { withRoute } from '@/lib/http/route';
import { fixRowsSchema, submitFixes } from '@/lib/suspects/fix-task';

// POST /api/tasks/[id]/fixes – resubmit corrected suspect rows of a return-and-fix task (data:fix)
export const POST = withRoute(
  {
    permission: 'data:fix',
    params: z.object({ id: z.string().min(1).max(200) }),
    body: fixRowsSchema,
    maxBodyBytes: ROWS_JSON_BODY_BYTES,
  },
  async ({ user, params, body, ip }) => Response.json(await submitFixes(user, params.id, body, ip)),
);
