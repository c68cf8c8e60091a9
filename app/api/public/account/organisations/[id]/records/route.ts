import { z } from 'zod';
import { withPublicRoute } from '@/lib/public/route';
import { representedOrgRecords } from '@/lib/public-accounts/self-query';

const params = z.object({ id: z.string().uuid('组织编号格式错误') });

/** A represented organisation's full record, once the representation is confirmed. */
export const GET = withPublicRoute({ kind: 'SELF_QUERY', signedIn: true, params }, async ({ account, params, ip }) =>
  Response.json(await representedOrgRecords(account!, params.id, ip)),
);
