import { getPublicProfile } from '@/lib/public/profile';
import { withPublicRoute } from '@/lib/public/route';

// GET /api/public/subjects/<id> — an organisation's public profile: basic information and tab counts.
export const GET = withPublicRoute({ kind: 'PROFILE' }, async ({ params }) =>
  Response.json(await getPublicProfile(params.id ?? '')),
);
