// POST /api/personal/reveal {recordId, field}: one personal value in clear, for a user allowed to see it,
// logged in the audit trail (lib/crypto/reveal.ts). POST, so it carries the origin check of every change.
import { z } from 'zod';
import { revealPersonal } from '@/lib/crypto/reveal';
import { withRoute } from '@/lib/http/route';

const body = z.object({ recordId: z.uuid(), field: z.string().min(1).max(64) });

export const POST = withRoute({ body }, async ({ user, body, ip }) => {
  const value = await revealPersonal(user, body.recordId, body.field, ip);
  return Response.json({ value }, { headers: { 'Cache-Control': 'no-store' } });
});
