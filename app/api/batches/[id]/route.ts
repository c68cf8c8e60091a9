import { z } from 'zod';
import { getBatchDetail } from '@/lib/batches/queries';
import { withRoute } from '@/lib/http/route';

// GET /api/batches/[id] – a batch's progress, counts and history (batch:view, within data scope)
export const GET = withRoute(
  { permission: 'batch:view', params: z.object({ id: z.string().uuid() }) },
  async ({ user, params }) => {
    const b = await getBatchDetail(user, params.id);
    return Response.json(
      {
        id: b.id,
        number: b.number,
        status: b.status,
        rowsRead: b.rowsRead,
        rowsStored: b.rowsStored,
        rowsUpdated: b.rowsUpdated,
        rowsDuplicate: b.rowsDuplicate,
        rowsSuspect: b.rowsSuspect,
        rowsFixed: b.rowsFixed,
        error: b.error,
        startedAt: b.startedAt,
        expectedRows: b.expectedRows,
        finishedAt: b.finishedAt,
        events: b.events.map((e) => ({ at: e.at, kind: e.kind, message: e.message, actorName: e.actorName })),
      },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  },
);
