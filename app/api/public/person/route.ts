import { z } from 'zod';
import { ValidationError } from '@/lib/errors';
import { personQuerySchema, queryPerson } from '@/lib/public/person';
import { withPublicRoute } from '@/lib/public/route';

// POST /api/public/person { name, idNumber } — what is public about one person; identifiers never in a URL.
export const POST = withPublicRoute(
  {
    kind: 'PERSON',
    // Declared so the wrapper reads the JSON body at all (it reads one only for a route with a body schema); the
    // handler validates it below for its own Chinese messages.
    body: z.unknown(),
    personalTerm: ({ body }) => {
      const id = (body as { idNumber?: unknown } | undefined)?.idNumber;
      return typeof id === 'string' ? id : null;
    },
  },
  async ({ body }) => {
    const parsed = personQuerySchema.safeParse(body ?? {});
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? '请同时输入姓名和身份证号');
    return Response.json(await queryPerson(parsed.data), { headers: { 'Cache-Control': 'no-store' } });
  },
);
