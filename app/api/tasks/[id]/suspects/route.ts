import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { saveStream } from '@/lib/files/store';
import { withRoute } from '@/lib/http/route';
import { importOfflineFixes } from '@/lib/suspects/offline-import';

const querySchema = z.object({ filename: z.string().min(1).max(255) });

// POST /api/tasks/[id]/suspects?filename=NAME – upload the corrected suspects xlsx (raw body, streamed to the
// file store); matched rows that pass are resubmitted like the fix screen's (data:fix, own task)
export const POST = withRoute(
  { permission: 'data:fix', params: z.object({ id: z.string().min(1).max(200) }), query: querySchema },
  async ({ req, user, params, query, ip }) => {
    if (!req.body) throw new ValidationError('文件为空');
    const upload = await saveStream(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>));
    return Response.json(await importOfflineFixes(user, params.id, { ...upload, originalName: query.filename }, ip));
  },
);
