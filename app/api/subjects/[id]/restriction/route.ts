import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { setSubjectRestriction, subjectRestrictionSchema } from '@/lib/publication/restriction';

// PUT /api/subjects/[id]/restriction – set or lift a subject's restriction (受控主体, R-2.5) with a reason;
// audited (subject:restrict)
export const PUT = withRoute(
  { permission: 'subject:restrict', params: z.object({ id: z.uuid() }), body: subjectRestrictionSchema },
  async ({ user, params, body, ip }) => Response.json(await setSubjectRestriction(user, params.id, body, ip)),
);
