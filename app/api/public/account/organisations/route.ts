import { z } from 'zod';
import { declareRepresentation, listRepresentations } from '@/lib/public-accounts/representation';
import { withPublicRoute } from '@/lib/public/route';

export const GET = withPublicRoute({ kind: 'ACCOUNT', signedIn: true }, async ({ account }) => {
  const rows = await listRepresentations(account!.accountId);
  return Response.json({
    items: rows.map((r) => ({
      id: r.id,
      orgId: r.org.id,
      name: r.org.name,
      uscc: r.org.uscc,
      status: r.status,
      reason: r.reason,
    })),
  });
});

const body = z.object({ uscc: z.string().trim().min(1, '请填写统一社会信用代码').max(40, '统一社会信用代码格式错误') });

/** Declares an organisation the holder represents: confirmed at once for its legal representative. */
export const POST = withPublicRoute({ kind: 'ACCOUNT', signedIn: true, body }, async ({ account, body, ip }) =>
  Response.json(await declareRepresentation(account!, body.uscc, ip), { status: 201 }),
);
