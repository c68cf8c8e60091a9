import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { claimTask } from '@/lib/tasks/inbox';

// POST /api/tasks/[id]/claim – take an unclaimed task of my department (inbox:view)
export const POST = withRoute(
  { permission: 'inbox:view', params: z.object({ id: z.string().min(1).max(200) }) },
  async ({ user, params }) => {
    await claimTask(user, params.id);
    return Response.json({ ok: true });
  },
);
