import { z } from 'zod';
import { requestRestoreDrill } from '@/lib/backup/service';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/backups/[id]/drill – start a restore drill of this backup into a scratch database (backup:manage)
export const POST = withRoute({ params: z.object({ id: z.string().min(1).max(200) }) }, async ({ user, ip, params }) =>
  Response.json(await requestRestoreDrill(user, params.id, ip), { status: 202 }),
);
