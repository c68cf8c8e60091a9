import { createCatalog, listCatalogs } from '@/lib/catalog/admin/catalogs';
import { catalogCreateSchema } from '@/lib/catalog/admin/schemas';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/catalogs – every catalog with its current and draft version (catalog:view)
export const GET = withRoute({}, async ({ user, ip }) =>
  Response.json(await listCatalogs({ actor: user, ip }), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/catalogs – a new catalog with an empty draft version 1 (catalog:manage)
// (answers { id: code } so that a form can open the new catalog's draft)
export const POST = withRoute({ body: catalogCreateSchema }, async ({ user, ip, body }) => {
  const { code } = await createCatalog({ actor: user, ip }, body);
  return Response.json({ id: code, code }, { status: 201 });
});
