import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { createBatchFromUpload } from '@/lib/batches/create-batch';
import { ValidationError } from '@/lib/errors';
import { saveStream } from '@/lib/files/store';
import { withRoute } from '@/lib/http/route';

const querySchema = z.object({
  catalog: z.string().regex(/^[A-Z_]{2,40}$/),
  filename: z.string().min(1).max(255),
});

// POST /api/batches?catalog=CODE&filename=NAME – upload a filled template (raw body, streamed) and start
// its import (data:import). Raw body rather than multipart: the file is streamed to the store, never buffered.
export const POST = withRoute({ permission: 'data:import', query: querySchema }, async ({ req, user, query, ip }) => {
  if (!req.body) throw new ValidationError('文件为空');
  const upload = await saveStream(Readable.fromWeb(req.body as WebReadableStream<Uint8Array>));
  const batch = await createBatchFromUpload({
    user,
    catalogCode: query.catalog,
    originalName: query.filename,
    upload,
    ip,
  });
  // 202 when Temporal is away: the batch is kept and its import starts by itself (lib/workflow-starts.ts).
  return Response.json(batch, { status: batch.started ? 201 : 202 });
});
