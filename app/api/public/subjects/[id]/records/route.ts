import { getPublicRecords } from '@/lib/public/profile';
import { withPublicRoute } from '@/lib/public/route';

// GET /api/public/subjects/<id>/records?tab=&after= — one tab of a profile, newest first, keyset.
export const GET = withPublicRoute({ kind: 'RECORD' }, async ({ params, query }) =>
  Response.json(await getPublicRecords(params.id ?? '', query.tab ?? '', query.after)),
);
