import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { flowInput, saveFlow } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

// The form sends the mapping as JSON text.
const body = flowInput.omit({ mapping: true }).extend({ mapping: z.union([z.string().max(100_000), z.unknown()]) });

// POST /api/admin/exchange/flows – add or change a flow; a change needs a new preview before it is enabled
export const POST = withRoute({ body }, async ({ user, ip, body }) => {
  let mapping = body.mapping;
  if (typeof mapping === 'string') {
    try {
      mapping = JSON.parse(mapping);
    } catch {
      throw new ValidationError('字段映射不是有效的 JSON');
    }
  }
  const parsed = flowInput.shape.mapping.safeParse(mapping);
  if (!parsed.success) throw new ValidationError(`字段映射有误：${parsed.error.issues[0]?.message ?? ''}`);
  const saved = await saveFlow({ actor: user, ip }, { ...body, mapping: parsed.data });
  return Response.json(saved, { status: body.id ? 200 : 201 });
});
