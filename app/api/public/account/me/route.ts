import { accountOverview } from '@/lib/public-accounts/overview';
import { withPublicRoute } from '@/lib/public/route';

export const GET = withPublicRoute({ kind: 'ACCOUNT', signedIn: true }, async ({ account }) =>
  Response.json(accountOverview(account!)),
);
