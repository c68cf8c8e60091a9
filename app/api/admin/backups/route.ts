import { listBackups, requestBackup } from '@/lib/backup/service';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/backups – the backups with their latest restore drills and the settings (backup:manage;
// checked in the service so that a refusal is logged)
export const GET = withRoute({}, async ({ user, ip }) =>
  Response.json(await listBackups(user, ip), { headers: { 'Cache-Control': 'no-store' } }),
);

// POST /api/admin/backups – 立即备份: start a backup now (backup:manage)
export const POST = withRoute({}, async ({ user, ip }) =>
  Response.json(await requestBackup(user, ip), { status: 202 }),
);
