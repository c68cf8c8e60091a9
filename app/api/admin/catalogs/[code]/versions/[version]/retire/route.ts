import { retireVersion } from '@/lib/catalog/admin/versions';
import { withRoute } from '@/lib/http/route';
import { versionParams as params } from '../params';

// POST /api/admin/catalogs/[code]/versions/[version]/retire – stop new batches of a published version
export const POST = withRoute({ params }, async ({ user, ip, params }) => {
  await retireVersion({ actor: user, ip }, params.code, params.version);
  return new Response(null, { status: 204 });
});
