// GET /api/public/publicity?type=license|penalty&dept=<code>&category=<code>&from=&to=&after=: one page of the
// 双公示 list (lib/public/publicity.ts).
import { publicDb } from '@/lib/public/read-db';
import { publicityPage, publicityQuerySchema } from '@/lib/public/publicity';
import { withPublicRoute } from '@/lib/public/route';

export const runtime = 'nodejs';

export const GET = withPublicRoute({ kind: 'PUBLICITY_LIST', query: publicityQuerySchema }, async ({ query }) =>
  Response.json(await publicityPage(publicDb, query), { headers: { 'Cache-Control': 'no-store' } }),
);
