import { setDormantDays } from '@/lib/admin/dormancy';
import { dormancySchema } from '@/lib/admin/schemas';
import { db } from '@/lib/db';
import { withRoute } from '@/lib/http/route';

// PUT /api/admin/settings/dormancy – days without sign-in after which an account is disabled (admin:settings)
export const PUT = withRoute({ body: dormancySchema }, async ({ user, ip, body }) => {
  await setDormantDays(db, { actor: user, ip }, body.days);
  return Response.json({ ok: true });
});
