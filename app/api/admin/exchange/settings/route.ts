import { z } from 'zod';
import { setExchangeSetting } from '@/lib/exchange/schedule';
import { EXCHANGE_SETTINGS } from '@/lib/exchange/settings';
import { withRoute } from '@/lib/http/route';

const body = z.object({
  key: z.enum(EXCHANGE_SETTINGS.map((s) => s.key) as [string, ...string[]]),
  value: z.coerce.number().int(),
});

// PUT /api/admin/exchange/settings – the drop folders' reading interval or settle time (admin:settings)
export const PUT = withRoute({ body }, async ({ user, ip, body }) => {
  await setExchangeSetting({ actor: user, ip }, body.key, body.value);
  return new Response(null, { status: 204 });
});
