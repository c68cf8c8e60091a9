import { z } from 'zod';
import { withRoute } from '@/lib/http/route';
import { cursorParam } from '@/lib/subjects/cursor';
import { searchSubjects } from '@/lib/subjects/search';

// GET /api/subjects?q=<name fragment | 统一社会信用代码 | 身份证号>&after=<cursor> – subjects the caller has records
// of, in name order, by keyset (record:view; a 身份证号 also needs personal:reveal and is audited).
export const GET = withRoute(
  {
    permission: 'record:view',
    query: z.object({ q: z.string({ error: '请输入查询内容' }).max(1000), after: cursorParam }),
  },
  async ({ user, ip, query }) =>
    Response.json(await searchSubjects(user, { q: query.q, after: query.after || undefined }, ip), {
      headers: { 'Cache-Control': 'no-store' },
    }),
);
