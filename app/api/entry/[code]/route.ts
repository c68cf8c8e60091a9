import { z } from 'zod';
import { catalogCodeSchema } from '@/lib/catalog/admin/schemas';
import { manualEntrySchema, submitManualEntry } from '@/lib/exchange/manual-entry';
import { ROWS_JSON_BODY_BYTES } from '@/lib/http/json-body';
import { withRoute } from '@/lib/http/route';

// POST /api/entry/[code] – submit the rows of a manual-entry session as one batch (data:import); refused
// as a whole with each bad row's reasons (details.rows) when any row breaks the catalog's rules
export const POST = withRoute(
  {
    permission: 'data:import',
    params: z.object({ code: catalogCodeSchema }),
    body: manualEntrySchema,
    maxBodyBytes: ROWS_JSON_BODY_BYTES,
  },
  async ({ user, ip, params, body }) => {
    const batch = await submitManualEntry({ user, catalogCode: params.code, input: body, ip });
    // 202 when Temporal is away: the batch is kept and its import starts by itself (lib/workflow-starts.ts).
    return Response.json(batch, { status: batch.started ? 201 : 202 });
  },
);
