import { z } from 'zod';
import { previewFlow } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

const body = z
  .object({
    rows: z
      .array(z.record(z.string(), z.string().max(10_000)))
      .min(1)
      .max(200)
      .optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .default({});

// POST /api/admin/exchange/flows/:id/preview – the mapping and transforms on sample rows, per-row results
export const POST = withRoute(
  { params: z.object({ id: z.string().uuid() }), body },
  async ({ user, ip, params, body }) => Response.json(await previewFlow({ actor: user, ip }, params.id, body ?? {})),
);
