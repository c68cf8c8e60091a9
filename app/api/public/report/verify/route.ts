// POST /api/public/report/verify { number, checkCode }: whether a credit report is genuine and what it said.
// A wrong check code and a forged number get the same 404 and message (lib/report/verify.ts).
import { publicDb } from '@/lib/public/read-db';
import { withPublicRoute } from '@/lib/public/route';
import { verifyInputSchema, verifyReport } from '@/lib/report/verify';

export const runtime = 'nodejs';

export const POST = withPublicRoute(
  {
    kind: 'REPORT_VERIFY',
    body: verifyInputSchema,
  },
  async ({ body }) => {
    const report = await verifyReport(publicDb, body);
    return Response.json({ genuine: true, ...report }, { headers: { 'Cache-Control': 'no-store' } });
  },
);
