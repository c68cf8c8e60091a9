import { withPublicRoute } from '@/lib/public/route';
import { searchOrganisations } from '@/lib/public/search';

// GET /api/public/search?q=&kind=&penalties=1&after= — organisation search by name fragment or code.
export const GET = withPublicRoute({ kind: 'SEARCH' }, async ({ query }) =>
  Response.json(await searchOrganisations(query)),
);
