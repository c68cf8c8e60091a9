import { z } from 'zod';
import { nodeInput, saveNode } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

// The form sends the credentials as two fields; an empty password keeps the stored credentials.
const body = nodeInput.omit({ credentials: true }).extend({
  username: z.string().max(200).optional(),
  password: z.string().max(2000).optional(),
});

// POST /api/admin/exchange/nodes – register or change an exchange node (admin:settings)
export const POST = withRoute({ body }, async ({ user, ip, body }) => {
  const { username, password, ...node } = body;
  const credentials = username && password ? { username, password } : undefined;
  const saved = await saveNode(
    { actor: user, ip },
    { ...node, departmentCode: node.departmentCode || undefined, credentials },
  );
  return Response.json(saved, { status: node.id ? 200 : 201 });
});
