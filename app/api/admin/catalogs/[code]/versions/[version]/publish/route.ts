import { publishVersion } from '@/lib/catalog/admin/versions';
import { withRoute } from '@/lib/http/route';
import { versionParams as params } from '../params';

// POST /api/admin/catalogs/[code]/versions/[version]/publish – publish a draft; it is immutable from now on
export const POST = withRoute({ params }, async ({ user, ip, params }) => {
  await publishVersion({ actor: user, ip }, params.code, params.version);
  return new Response(null, { status: 204 });
});
