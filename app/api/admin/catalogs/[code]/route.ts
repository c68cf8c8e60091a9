import { z } from 'zod';
import { getCatalog, updateCatalog } from '@/lib/catalog/admin/catalogs';
import { catalogCodeSchema, catalogUpdateSchema } from '@/lib/catalog/admin/schemas';
import { withRoute } from '@/lib/http/route';

const params = z.object({ code: catalogCodeSchema });

// GET /api/admin/catalogs/[code] – a catalog, its providers and its versions (catalog:view)
export const GET = withRoute({ params }, async ({ user, ip, params }) =>
  Response.json(await getCatalog({ actor: user, ip }, params.code), { headers: { 'Cache-Control': 'no-store' } }),
);

// PATCH /api/admin/catalogs/[code] – name, subject kind, category, sensitivity, providers (catalog:manage)
export const PATCH = withRoute({ params, body: catalogUpdateSchema }, async ({ user, ip, params, body }) => {
  await updateCatalog({ actor: user, ip }, params.code, body);
  return new Response(null, { status: 204 });
});
