import { personQuerySchema, queryPerson } from '@/lib/public/person';
import { withPublicRoute } from '@/lib/public/route';

// POST /api/public/person { name, idNumber } — what is public about one person; identifiers never in a URL.
export const POST = withPublicRoute(
  {
    kind: 'PERSON',
    body: personQuerySchema,
    personalTerm: ({ body }) => {
      const id = (body as { idNumber?: unknown } | undefined)?.idNumber;
      return typeof id === 'string' ? id : null;
    },
  },
  async ({ body }) => Response.json(await queryPerson(body)),
);
