import { z } from 'zod';
import { withUploadedBody } from '@/lib/files/refusal';
import { withRoute } from '@/lib/http/route';
import { batchIdOf } from '@/lib/suspects/fix-task';
import { importOfflineFixes } from '@/lib/suspects/offline-import';
import { ensureCanAct } from '@/lib/tasks/inbox';

const querySchema = z.object({ filename: z.string().min(1).max(255) });

// POST /api/tasks/[id]/suspects?filename=NAME – upload the corrected suspects xlsx (raw body, streamed to the
// file store); matched rows that pass are resubmitted like the fix screen's (data:fix, own task). The task is
// checked before the body is read; a file refused on its content is removed again.
export const POST = withRoute(
  { permission: 'data:fix', params: z.object({ id: z.string().min(1).max(200) }), query: querySchema },
  async ({ req, user, params, query, ip }) => {
    batchIdOf(await ensureCanAct(user, params.id));
    return Response.json(
      await withUploadedBody(req, (upload) =>
        importOfflineFixes(user, params.id, { ...upload, originalName: query.filename }, ip),
      ),
    );
  },
);
