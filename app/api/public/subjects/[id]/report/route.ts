// GET /api/public/subjects/<id>/report: the organisation's credit report as a PDF (issue 13, 信用报告).
import { z } from 'zod';
import { env } from '@/lib/env';
import { publicDb } from '@/lib/public/read-db';
import { issueReport } from '@/lib/report/issue';
import { withPublicRoute } from '@/lib/public/route';

export const runtime = 'nodejs';

const params = z.object({ id: z.uuid({ error: '未找到该主体' }) });

export const GET = withPublicRoute({ kind: 'REPORT', params }, async ({ params }) => {
  const report = await issueReport(publicDb, params.id, env().APP_URL);
  return new Response(new Uint8Array(report.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${report.number}.pdf"; filename*=UTF-8''${encodeURIComponent(`信用报告-${report.number}.pdf`)}`,
      'Content-Length': String(report.pdf.length),
      'Cache-Control': 'no-store',
      'X-Report-Number': report.number,
    },
  });
});
