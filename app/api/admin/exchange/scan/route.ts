import { triggerDropFolderScan } from '@/lib/exchange/schedule';
import { withRoute } from '@/lib/http/route';

// POST /api/admin/exchange/scan – 立即读取: run the drop-folder scan now (admin:settings)
export const POST = withRoute({}, async ({ user, ip }) => {
  await triggerDropFolderScan({ actor: user, ip });
  return new Response(null, { status: 202 });
});
