import { z } from 'zod';
import { catalogCodeSchema, newVersionSchema } from '@/lib/catalog/admin/schemas';
import { createDraft } from '@/lib/catalog/admin/versions';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/catalogs/[code]/versions – open the next version as a draft copy (catalog:manage)
export const POST = withRoute(
  { params: z.object({ code: catalogCodeSchema }), body: newVersionSchema },
  async ({ user, ip, params, body }) =>
    Response.json(await createDraft({ actor: user, ip }, params.code, body.fromVersion), { status: 201 }),
);
