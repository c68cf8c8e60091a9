import { createCategory, listCategories } from '@/lib/cms/articles';
import { cmsContext } from '@/lib/cms/context';
import { categoryInput } from '@/lib/cms/schemas';
import { withRoute } from '@/lib/http/route';

// GET /api/admin/content/categories – the categories (content:manage)
export const GET = withRoute({ permission: 'content:manage' }, async () => Response.json(await listCategories()));

// POST /api/admin/content/categories – a new category (content:manage)
export const POST = withRoute({ permission: 'content:manage', body: categoryInput }, async ({ user, ip, body }) =>
  Response.json(await createCategory(cmsContext(user, ip), body), { status: 201 }),
);
