import { withPublicRoute } from '@/lib/public/route';
import { ownRecords } from '@/lib/public-accounts/self-query';

/** The signed-in person's own full record (R-6.1 self-query), audited. */
export const GET = withPublicRoute({ kind: 'SELF_QUERY', signedIn: true }, async ({ account, ip }) =>
  Response.json(await ownRecords(account!, ip)),
);
