// POST /api/subjects/<id>/reveal: a person's 身份证号 in clear for a user allowed to see it, audited
// (lib/subjects/view.ts, the subject counterpart of /api/personal/reveal). POST, for the origin check.
import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { revealSubjectIdNumber } from '@/lib/subjects/view';

export const POST = withRoute(
  { params: z.object({ id: z.uuid({ error: '主体编号无效' }) }) },
  async ({ user, params, ip }) =>
    Response.json(
      { value: await revealSubjectIdNumber(user, params.id, ip) },
      { headers: { 'Cache-Control': 'no-store' } },
    ),
);
