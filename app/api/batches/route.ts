import { z } from 'zod';
import { createBatchFromUpload } from '@/lib/batches/create-batch';
import { providedCatalog } from '@/lib/batches/provided-catalog';
import { currentVersionId } from '@/lib/catalog/load';
import { db } from '@/lib/db';
import { withUploadedBody } from '@/lib/files/refusal';
import { withRoute } from '@/lib/http/route';

const querySchema = z.object({
  catalog: z.string().regex(/^[A-Z_]{2,40}$/),
  filename: z.string().min(1).max(255),
});

// POST /api/batches?catalog=CODE&filename=NAME – upload a filled template (raw body, streamed) and start
// its import (data:import). Raw body rather than multipart: the file is streamed to the store, never buffered.
// The catalog is checked before the body is read; a file refused on its content is removed again.
export const POST = withRoute({ permission: 'data:import', query: querySchema }, async ({ req, user, query, ip }) => {
  await providedCatalog(user, query.catalog);
  await currentVersionId(db, query.catalog);
  const batch = await withUploadedBody(req, (upload) =>
    createBatchFromUpload({
      user,
      catalogCode: query.catalog,
      originalName: query.filename,
      upload,
      ip,
    }),
  );
  // 202 when Temporal is away: the batch is kept and its import starts by itself (lib/workflow-starts.ts).
  return Response.json(batch, { status: batch.started ? 201 : 202 });
});
