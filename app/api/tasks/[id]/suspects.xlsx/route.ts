import { Readable } from 'node:stream';
import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { exportSuspects } from '@/lib/suspects/offline-export';

// GET /api/tasks/[id]/suspects.xlsx – the task's open suspect rows as an xlsx to fix offline (data:fix, own task)
export const GET = withRoute(
  { permission: 'data:fix', params: z.object({ id: z.string().min(1).max(200) }) },
  async ({ user, params, ip }) => {
    const { filename, stream } = await exportSuspects(user, params.id, ip);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'no-store',
      },
    });
  },
);
