import { draftSchema } from '@/lib/catalog/admin/schemas';
import { deleteDraft, getVersion, saveDraft } from '@/lib/catalog/admin/versions';
import { withRoute } from '@/lib/http/route';
import { versionParams as params } from './params';

// GET /api/admin/catalogs/[code]/versions/[version] – a version with its fields and rules (catalog:view)
export const GET = withRoute({ params }, async ({ user, ip, params }) => {
  const v = await getVersion({ actor: user, ip }, params.code, params.version);
  return Response.json(
    { version: v.version, status: v.status, publishedAt: v.publishedAt, draft: v.draft },
    { headers: { 'Cache-Control': 'no-store' } },
  );
});

// PUT /api/admin/catalogs/[code]/versions/[version] – replace a draft's content (catalog:manage)
// A draft of up to 200 fields with their aliases and code-table rules is larger than a form: 1 MB.
export const PUT = withRoute(
  { params, body: draftSchema, maxBodyBytes: 1024 * 1024 },
  async ({ user, ip, params, body }) => {
    await saveDraft({ actor: user, ip }, params.code, params.version, body);
    return new Response(null, { status: 204 });
  },
);

// DELETE /api/admin/catalogs/[code]/versions/[version] – discard a draft (catalog:manage)
export const DELETE = withRoute({ params }, async ({ user, ip, params }) => {
  await deleteDraft({ actor: user, ip }, params.code, params.version);
  return new Response(null, { status: 204 });
});
